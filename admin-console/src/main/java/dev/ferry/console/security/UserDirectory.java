package dev.ferry.console.security;

import java.util.Optional;

/** Checks console sign-ins. Standalone: a users file; in an application server the container signs users in. */
public interface UserDirectory {

    /** The user when the name and password are right and the user has a console role, else empty. */
    Optional<ConsoleUser> authenticate(String name, char[] password);
}

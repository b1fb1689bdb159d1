package dev.ferry.console.security;

import dev.ferry.jms.security.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileDirectoryTest {

    private static final String ALICE = PasswordHash.of("alice-secret".toCharArray()).encode();
    private static final String BOB = PasswordHash.of("bob-secret".toCharArray()).encode();
    private static final String CAROL = PasswordHash.of("carol-secret".toCharArray()).encode();

    @TempDir
    Path folder;

    private UsersFileDirectory directory() throws Exception {
        Path file = folder.resolve("users.properties");
        Files.writeString(file, "alice = " + ALICE + ", operator\n"
                + "bob = " + BOB + ", viewer, orders\n"
                + "carol = " + CAROL + ", orders\n");
        return UsersFileDirectory.read(file);
    }

    @Test
    void operatorSignsInWithBothRoles() throws Exception {
        ConsoleUser alice = directory().authenticate("alice", "alice-secret".toCharArray()).orElseThrow();
        assertThat(alice.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.VIEWER);
    }

    @Test
    void viewerSignsInAndIsRefusedOperatorActions() throws Exception {
        ConsoleUser bob = directory().authenticate("bob", "bob-secret".toCharArray()).orElseThrow();
        assertThat(bob.roles()).containsExactly(Role.VIEWER);
        assertThatThrownBy(() -> bob.require(Role.OPERATOR, "purge messages"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("bob may not purge messages: it needs the operator role");
    }

    @Test
    void wrongPasswordOrUnknownUserIsRefused() throws Exception {
        UsersFileDirectory directory = directory();
        assertThat(directory.authenticate("alice", "wrong".toCharArray())).isEmpty();
        assertThat(directory.authenticate("mallory", "alice-secret".toCharArray())).isEmpty();
    }

    @Test
    void userWithoutAConsoleRoleCannotSignIn() throws Exception {
        assertThat(directory().authenticate("carol", "carol-secret".toCharArray())).isEmpty();
    }

    @Test
    void badUsersFileStopsTheConsoleWithTheLineNamed() throws Exception {
        Path file = folder.resolve("bad.properties");
        Files.writeString(file, "alice = plain-text-password, operator\n");
        assertThatThrownBy(() -> UsersFileDirectory.read(file)).hasMessageContaining("line 1");
    }

    @Test
    void operatorRoleImpliesViewer() {
        assertThat(new ConsoleUser("x", Set.of(Role.OPERATOR)).has(Role.VIEWER)).isTrue();
        assertThat(ConsoleUser.viewer("y").has(Role.OPERATOR)).isFalse();
    }
}

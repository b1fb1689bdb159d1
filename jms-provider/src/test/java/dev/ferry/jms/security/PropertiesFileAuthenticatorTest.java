package dev.ferry.jms.security;

import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who a connection acts as, given the users file and the default user. */
class PropertiesFileAuthenticatorTest {

    private static Map<String, UserAccount> accounts;

    @BeforeAll
    static void oneUser() {
        PasswordHash hash = PasswordHash.of("right".toCharArray(), PasswordHash.MIN_ITERATIONS);
        accounts = Map.of("alice", new UserAccount("alice", hash, Set.of("orders")));
    }

    @Test
    void rightPasswordAuthenticatesAsTheUser() throws JMSSecurityException {
        assertThat(new PropertiesFileAuthenticator(accounts, null).authenticate("alice", "right")).isEqualTo("alice");
    }

    @Test
    void wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        assertThatThrownBy(() -> new PropertiesFileAuthenticator(accounts, null).authenticate("alice", "wrong"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("invalid user name or password");
    }

    @Test
    void unknownUserIsRefusedWithTheSameMessageAsAWrongPassword() {
        assertThatThrownBy(() -> new PropertiesFileAuthenticator(accounts, null).authenticate("mallory", "right"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("invalid user name or password");
    }

    @Test
    void knownUserWithoutPasswordIsRefused() {
        assertThatThrownBy(() -> new PropertiesFileAuthenticator(accounts, null).authenticate("alice", null))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("invalid user name or password");
    }

    @Test
    void missingUserActsAsTheDefaultUserWithoutPasswordCheck() throws JMSSecurityException {
        assertThat(new PropertiesFileAuthenticator(accounts, "guest").authenticate(null, null)).isEqualTo("guest");
    }

    @Test
    void defaultUserDoesNotExcuseAWrongPassword() {
        assertThatThrownBy(() -> new PropertiesFileAuthenticator(accounts, "guest").authenticate("alice", "wrong"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("invalid user name or password");
    }

    @Test
    void missingUserWithoutDefaultUserIsToldThatCredentialsAreRequired() {
        assertThatThrownBy(() -> new PropertiesFileAuthenticator(accounts, null).authenticate(null, null))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("credentials are required")
                .hasMessageContaining("ferry.security.defaultUser");
    }
}

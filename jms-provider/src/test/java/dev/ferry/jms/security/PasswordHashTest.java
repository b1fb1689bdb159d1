package dev.ferry.jms.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored password form: PBKDF2-HMAC-SHA256, salted, with enough iterations, compared in constant time. */
class PasswordHashTest {

    /** One hash for the tests that only read it: each derivation costs a few hundred milliseconds. */
    private static PasswordHash secret;

    @BeforeAll
    static void hashOnce() {
        secret = PasswordHash.of("s3cret".toCharArray(), PasswordHash.MIN_ITERATIONS);
    }

    @Test
    void encodedFormNamesSchemeIterationsSaltAndHash() {
        String[] parts = secret.encode().split("\\$");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("210000");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void newHashesUseAtLeastTheMinimumIterations() {
        assertThat(PasswordHash.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);
        assertThat(PasswordHash.MIN_ITERATIONS).isGreaterThanOrEqualTo(210_000);
    }

    @Test
    void hashMatchesItsPassword() {
        assertThat(secret.matches("s3cret".toCharArray())).isTrue();
    }

    @Test
    void hashDoesNotMatchAnotherPassword() {
        assertThat(secret.matches("s3cret ".toCharArray())).isFalse();
    }

    @Test
    void parsedEncodedFormIsTheSameHash() {
        assertThat(PasswordHash.parse(secret.encode())).isEqualTo(secret);
    }

    @Test
    void equalPasswordsHashDifferentlyBecauseOfTheRandomSalt() {
        PasswordHash again = PasswordHash.of("s3cret".toCharArray(), PasswordHash.MIN_ITERATIONS);

        assertThat(again.encode()).isNotEqualTo(secret.encode());
    }

    @Test
    void textFormDoesNotRevealTheHash() {
        String hashPart = secret.encode().split("\\$")[3];

        assertThat(secret.toString()).doesNotContain(hashPart).startsWith("pbkdf2-sha256$210000$");
    }

    @Test
    void hashWithTooFewIterationsIsRefused() {
        String weak = secret.encode().replace("$210000$", "$1000$");

        assertThatThrownBy(() -> PasswordHash.parse(weak))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iteration count 1000")
                .hasMessageContaining("210000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sha1$210000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | must have the form",
            "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA                            | must have the form",
            "pbkdf2-sha256$lots$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | count lots is not a number",
            "pbkdf2-sha256$210000$not*base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | salt is not valid Base64",
            "pbkdf2-sha256$210000$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA   | salt has 3 bytes",
            "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA$AAAA                        | hash has 3 bytes",
    })
    void malformedHashIsRefusedSayingWhy(String encoded, String reason) {
        assertThatThrownBy(() -> PasswordHash.parse(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void missingHashIsRefused() {
        assertThatThrownBy(() -> PasswordHash.parse(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }
}

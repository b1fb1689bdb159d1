package dev.ferry.jms.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compiled LIKE matcher, across the shapes it reduces to and the general backtracking match. */
class LikePatternTest {

    private static boolean matches(String pattern, String value) {
        return LikePattern.compile(pattern, '!').matches(value);
    }

    @ParameterizedTest(name = "''{0}'' on ''{1}'' is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "abc      | abc      | true",
        "abc      | abcd     | false",
        "abc%     | abcd     | true",
        "abc%     | xabc     | false",
        "%abc     | xabc     | true",
        "%abc     | abcx     | false",
        "%abc%    | xxabcxx  | true",
        "%abc%    | xxabxcx  | false",
        "%        | \"\"     | true",
        "%%%      | abc      | true",
        "a%%c     | ac       | true",
        "_        | a        | true",
        "__       | a        | false",
        "a_c%     | abcdef   | true",
        "%a_c     | xxabcxabc| true",
        "%a%b%c%  | xaybzc   | true",
        "%a%b%c%  | xaycz    | false",
        "a%b      | ab       | true",
        "a%b      | abab     | true",
        "a%b      | abac     | false",
        "!%%      | %x       | true",
        "!%%      | x%       | false",
        "!_       | _        | true",
        "!_       | a        | false",
        "a!!b     | a!b      | true",
        "%!%      | 50%      | true",
    })
    void matchesWildcardsAndEscapes(String pattern, String value, boolean expected) {
        assertThat(matches(pattern, value)).isEqualTo(expected);
    }

    @Test
    void underscoreMatchesOneCodePointEvenOutsideTheBasicPlane() {
        assertThat(matches("_", "😀")).isTrue();
        assertThat(matches("__", "😀")).isFalse();
        assertThat(matches("%😀_", "x😀😀")).isTrue();
    }

    @Test
    void manyPercentSignsDoNotBacktrackExponentially() {
        String value = "a".repeat(20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(matches("%a%a%a%a%a%a%a%a%b", value)).isFalse();
            assertThat(matches("%a%a%a%a%a%a%a%a%a", value)).isTrue();
        });
    }

    @Test
    void patternEndingWithTheEscapeCharacterIsRefused() {
        assertThatThrownBy(() -> LikePattern.compile("abc!", '!'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends with its escape character");
    }

    @Test
    void withoutEscapeTheEscapeCandidateIsAnOrdinaryCharacter() {
        assertThat(LikePattern.compile("a!%", -1).matches("a!xyz")).isTrue();
    }
}

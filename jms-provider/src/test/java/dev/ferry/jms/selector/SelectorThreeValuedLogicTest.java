package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.evaluate;
import static dev.ferry.jms.selector.Selectors.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** §3.8.1.2: NULL is unknown, and AND, OR and NOT follow the tables 3-4, 3-5 and 3-6. */
class SelectorThreeValuedLogicTest {

    /** In this message {@code t = 1} is TRUE, {@code t = 2} FALSE and {@code u = 1} UNKNOWN (u is absent). */
    private static final Map<String, Object> MESSAGE = message("t", 1);

    private static String condition(char truth) {
        switch (truth) {
            case 'T':
                return "t = 1";
            case 'F':
                return "t = 2";
            default:
                return "u = 1";
        }
    }

    private static Truth truth(char truth) {
        return truth == 'T' ? Truth.TRUE : truth == 'F' ? Truth.FALSE : Truth.UNKNOWN;
    }

    @ParameterizedTest(name = "{0} AND {1} is {2}")
    @CsvSource({
        "T, T, T", "T, F, F", "T, U, U",
        "F, T, F", "F, F, F", "F, U, F",
        "U, T, U", "U, F, F", "U, U, U"})
    void andFollowsTable3_4(char left, char right, char result) {
        String selector = condition(left) + " AND " + condition(right);
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(truth(result));
        assertThat(truth(left).and(truth(right))).isEqualTo(truth(result));
    }

    @ParameterizedTest(name = "{0} OR {1} is {2}")
    @CsvSource({
        "T, T, T", "T, F, T", "T, U, T",
        "F, T, T", "F, F, F", "F, U, U",
        "U, T, T", "U, F, U", "U, U, U"})
    void orFollowsTable3_5(char left, char right, char result) {
        String selector = condition(left) + " OR " + condition(right);
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(truth(result));
        assertThat(truth(left).or(truth(right))).isEqualTo(truth(result));
    }

    @ParameterizedTest(name = "NOT {0} is {1}")
    @CsvSource({"T, F", "F, T", "U, U"})
    void notFollowsTable3_6(char operand, char result) {
        assertThat(evaluate("NOT " + condition(operand), MESSAGE)).isEqualTo(truth(result));
        assertThat(truth(operand).not()).isEqualTo(truth(result));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "u = 1           | UNKNOWN",
        "u <> 1          | UNKNOWN",
        "u < 1           | UNKNOWN",
        "u + 1 = 2       | UNKNOWN",
        "-u = 1          | UNKNOWN",
        "1 = u * 0       | UNKNOWN",
        "u = 'x'         | UNKNOWN",
        "u IS NULL       | TRUE",
        "u IS NOT NULL   | FALSE",
        "t IS NULL       | FALSE",
        "t IS NOT NULL   | TRUE",
        "u               | UNKNOWN",
        "NOT u           | UNKNOWN",
    })
    void comparisonAndArithmeticWithNullAreUnknownWhileIsNullDecides(String selector, Truth expected) {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "u = 1 OR t = 1               | true",
        "u = 1 AND t = 1              | false",
        "NOT (u = 1)                  | false",
        "NOT (u = 1) OR u IS NULL     | true",
    })
    void onlyTrueSelectsAMessage(String selector, boolean selected) {
        assertThat(Selectors.selector(selector).matches(SelectorContext.of(MESSAGE))).isEqualTo(selected);
    }

    @ParameterizedTest(name = "NOT binds tighter than AND, AND tighter than OR: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "t = 1 OR t = 2 AND t = 3         | TRUE",
        "(t = 1 OR t = 2) AND t = 3       | FALSE",
        "NOT t = 2 AND t = 1              | TRUE",
        "NOT (t = 2 OR t = 1)             | FALSE",
        "NOT t = 2 OR t = 2               | TRUE",
        "NOT NOT t = 1                    | TRUE",
    })
    void logicalOperatorsHaveThePrecedenceNotAndOr(String selector, Truth expected) {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }
}

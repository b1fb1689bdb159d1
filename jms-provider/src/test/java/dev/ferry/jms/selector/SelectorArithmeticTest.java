package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.evaluate;
import static dev.ferry.jms.selector.Selectors.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** §3.8.1.1 arithmetic: unary signs, then * and /, then + and -, with Java's numeric promotion. */
class SelectorArithmeticTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1 + 2 * 3 = 7          | TRUE",
        "(1 + 2) * 3 = 9        | TRUE",
        "10 - 4 - 3 = 3         | TRUE",
        "64 / 4 / 2 = 8         | TRUE",
        "2 * -3 = -6            | TRUE",
        "- 2 * 3 = -6           | TRUE",
        "-(2 + 3) = -5          | TRUE",
        "- -2 = 2               | TRUE",
        "+(2) = 2               | TRUE",
        "1 - -1 = 2             | TRUE",
        "7 / 2 = 3              | TRUE",
        "-7 / 2 = -3            | TRUE",
        "7 / 2.0 = 3.5          | TRUE",
        "7.0 / 2 = 3.5          | TRUE",
        "0.1 + 0.2 = 0.3        | FALSE",
        "1 + 1.5 = 2.5          | TRUE",
        "9223372036854775807 + 1 = -9223372036854775808 | TRUE",
    })
    void arithmeticFollowsJavaPrecedenceAndPromotion(String selector, Truth expected) {
        assertThat(evaluate(selector)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "x * 2 + y = 11         | TRUE",
        "x / y = 5              | TRUE",
        "x / f = 5              | TRUE",
        "-x = -5                | TRUE",
        "x * f > 1.5            | TRUE",
    })
    void arithmeticOnPropertiesOfEveryNumericType(String selector, Truth expected) {
        assertThat(evaluate(selector, "x", (short) 5, "y", (byte) 1, "f", 1.0f)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "x / 0 = 0              | UNKNOWN",
        "x / 0.0 > 0            | UNKNOWN",
        "x / z = 0              | UNKNOWN",
        "NOT (x / 0 = 0)        | UNKNOWN",
        "x / 0 IS NULL          | invalid",
    })
    void divisionByZeroIsUnknown(String selector, String expected) {
        if (expected.equals("invalid")) {
            assertThat(invalid(selector).getMessage()).contains("IS NULL applies to an identifier");
        } else {
            assertThat(evaluate(selector, "x", 5, "z", 0L)).isEqualTo(Truth.valueOf(expected));
        }
    }

    @Test
    void arithmeticOnNonNumericPropertyIsUnknown() {
        assertThat(evaluate("s + 1 = 2", "s", "1")).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("-b = 1", "b", true)).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("+s = 's'", "s", "s")).isEqualTo(Truth.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'a' + 1 = 2          | 1  | '+' needs numeric operands, but ''a'' is a string",
        "1 + 'a' = 2          | 5  | '+' needs numeric operands",
        "TRUE * 2 = 2         | 1  | '*' needs numeric operands, but 'TRUE' is a condition",
        "x / FALSE = 1        | 5  | '/' needs numeric operands",
        "-'a' = 1             | 2  | unary '-' needs numeric operands",
        "(a > 1) + 1 = 2      | 1  | '+' needs numeric operands, but '(a > 1)' is a condition",
        "'a' BETWEEN 1 AND 2  | 1  | BETWEEN needs numeric operands",
        "x BETWEEN 'a' AND 2  | 11 | BETWEEN needs numeric operands",
    })
    void arithmeticOnLiteralsOfTheWrongTypeIsInvalid(String selector, int column, String problem) {
        SelectorSyntaxException invalid = invalid(selector);
        assertThat(invalid.getMessage()).contains(problem);
        assertThat(invalid.column()).isEqualTo(column);
    }
}

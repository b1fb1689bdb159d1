package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.evaluate;
import static dev.ferry.jms.selector.Selectors.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * §3.8.1.1 comparison operators: like types only (exact and approximate numbers count as alike), unlike types are
 * FALSE, NULL is UNKNOWN, strings and booleans support only = and <>.
 */
class SelectorComparisonTest {

    @ParameterizedTest(name = "{0} with x = 5")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "x = 5    | TRUE", "x = 6    | FALSE",
        "x <> 5   | FALSE", "x <> 6  | TRUE",
        "x < 6    | TRUE", "x < 5    | FALSE",
        "x <= 5   | TRUE", "x <= 4   | FALSE",
        "x > 4    | TRUE", "x > 5    | FALSE",
        "x >= 5   | TRUE", "x >= 6   | FALSE",
    })
    void numericComparisonOperators(String selector, Truth expected) {
        assertThat(evaluate(selector, "x", 5)).isEqualTo(expected);
    }

    static Stream<Arguments> numbersOfEveryPropertyType() {
        return Stream.of(
                Arguments.of((byte) 5), Arguments.of((short) 5), Arguments.of(5), Arguments.of(5L),
                Arguments.of(5.0f), Arguments.of(5.0));
    }

    @ParameterizedTest
    @MethodSource("numbersOfEveryPropertyType")
    void everyNumericPropertyTypeComparesWithExactAndApproximateLiterals(Object five) {
        assertThat(evaluate("x = 5", "x", five)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("x = 5.0", "x", five)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("x < 5.5", "x", five)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("x BETWEEN 4 AND 6", "x", five)).isEqualTo(Truth.TRUE);
    }

    @Test
    void exactAndApproximatePropertiesCompareByNumericPromotion() {
        assertThat(evaluate("a = b", "a", 2, "b", 2.0)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("a < b", "a", 2L, "b", 2.5f)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("a = b", "a", (byte) 7, "b", 7L)).isEqualTo(Truth.TRUE);
    }

    @Test
    void largeLongsCompareExactlyNotThroughDouble() {
        assertThat(evaluate("a = 9007199254740993", "a", 9_007_199_254_740_992L)).isEqualTo(Truth.FALSE);
        assertThat(evaluate("a < 9223372036854775807", "a", Long.MAX_VALUE - 1)).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'1' = 1                  | FALSE",
        "'1' <> 1                 | FALSE",
        "TRUE = 1                 | FALSE",
        "TRUE = 'TRUE'            | FALSE",
        "s = 2                    | FALSE",
        "s <> 2                   | FALSE",
        "n = '2'                  | FALSE",
        "b = 'true'               | FALSE",
        "n = TRUE                 | FALSE",
        "NOT ('1' = 1)            | TRUE",
    })
    void valuesOfUnlikeTypesAreNeverEqualNorUnequal(String selector, Truth expected) {
        assertThat(evaluate(selector, "s", "2", "n", 2, "b", true)).isEqualTo(expected);
    }

    @Test
    void aStringPropertyIsNotConvertedForANumericComparison() {
        // the specification's own example: NumberOfOrders set with setStringProperty("NumberOfOrders", "2")
        assertThat(evaluate("NumberOfOrders > 1", "NumberOfOrders", "2")).isEqualTo(Truth.FALSE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "s = 'abc'         | TRUE",
        "s = 'ABC'         | FALSE",
        "s <> 'abd'        | TRUE",
        "s = t             | TRUE",
        "b = TRUE          | TRUE",
        "b <> FALSE        | TRUE",
        "b = c             | FALSE",
        "b                 | TRUE",
        "c                 | FALSE",
        "NOT c             | TRUE",
    })
    void stringsAndBooleansCompareWithEqualsAndNotEquals(String selector, Truth expected) {
        assertThat(evaluate(selector, "s", "abc", "t", "abc", "b", true, "c", false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "s < 'b'          | 5",
        "'a' >= s         | 1",
        "TRUE > FALSE     | 1",
        "x <= (a = 1)     | 6",
    })
    void orderingAStringOrBooleanLiteralIsInvalid(String selector, int column) {
        SelectorSyntaxException invalid = invalid(selector);
        assertThat(invalid.getMessage()).contains("orders numbers only");
        assertThat(invalid.column()).isEqualTo(column);
    }

    @Test
    void orderingStringOrBooleanPropertiesIsFalseBecauseOnlyNumbersAreOrdered() {
        assertThat(evaluate("s < t", "s", "a", "t", "b")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("s >= t", "s", "a", "t", "b")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("b > 0", "b", true)).isEqualTo(Truth.FALSE);
    }

    @Test
    void aConditionInParenthesesComparesAsABoolean() {
        assertThat(evaluate("(x > 1) = TRUE", "x", 2)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("(x > 1) = (y > 1)", "x", 2, "y", 0)).isEqualTo(Truth.FALSE);
        assertThat(evaluate("(x > 1) <> flag", "x", 2, "flag", false)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("(missing > 1) = FALSE")).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void aPropertyUsedAsAConditionIsUnknownUnlessItIsBoolean() {
        assertThat(evaluate("flag", "flag", "true")).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("NOT flag", "flag", 1)).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("flag AND TRUE", "flag", true)).isEqualTo(Truth.TRUE);
    }

    @Test
    void valuesOfUnsupportedTypesNeitherMatchNorFail() {
        assertThat(evaluate("x = 'a'", "x", 'a')).isEqualTo(Truth.FALSE);
        assertThat(evaluate("x = 1", "x", new java.math.BigDecimal("1"))).isEqualTo(Truth.FALSE);
        assertThat(evaluate("x = y", "x", new Object(), "y", new Object())).isEqualTo(Truth.FALSE);
        assertThat(evaluate("x + 1 = 2", "x", new byte[] {1})).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("x LIKE 'a%'", "x", new StringBuilder("abc"))).isEqualTo(Truth.FALSE);
        assertThat(evaluate("x IN ('a')", "x", 'a')).isEqualTo(Truth.FALSE);
        assertThat(evaluate("x IS NOT NULL", "x", new Object())).isEqualTo(Truth.TRUE);
    }

    @Test
    void notANumberIsUnequalToEverythingAsInJava() {
        assertThat(evaluate("x = x", "x", Double.NaN)).isEqualTo(Truth.FALSE);
        assertThat(evaluate("x <> 1", "x", Double.NaN)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("x > 1 OR x <= 1", "x", Float.NaN)).isEqualTo(Truth.FALSE);
    }

    @Test
    void comparisonsCannotBeChained() {
        assertThat(invalid("a = b = c").getMessage()).contains("expected AND, OR or the end of the selector");
    }
}

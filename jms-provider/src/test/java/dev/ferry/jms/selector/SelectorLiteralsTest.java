package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.evaluate;
import static dev.ferry.jms.selector.Selectors.invalid;
import static dev.ferry.jms.selector.Selectors.selector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.jms.selector.Expression.ApproximateLiteral;
import dev.ferry.jms.selector.Expression.Comparison;
import dev.ferry.jms.selector.Expression.ExactLiteral;
import dev.ferry.jms.selector.Expression.StringLiteral;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** §3.8.1.1 literals: strings, exact numerics (Java integer syntax), approximate numerics (Java floating syntax). */
class SelectorLiteralsTest {

    /** The literal on the right of {@code x = <literal>}. */
    private static Expression literal(String literal) {
        return ((Comparison) selector("x = " + literal).expression()).right();
    }

    @Test
    void stringLiteralDoublesASingleQuoteToIncludeIt() {
        assertThat(literal("'literal''s'")).isEqualTo(new StringLiteral("literal's"));
        assertThat(literal("''''")).isEqualTo(new StringLiteral("'"));
        assertThat(literal("''")).isEqualTo(new StringLiteral(""));
    }

    @Test
    void stringLiteralKeepsUnicodeAndWhitespaceAsWritten() {
        assertThat(literal("'  Grüße, 世界 😀 '")).isEqualTo(new StringLiteral("  Grüße, 世界 😀 "));
    }

    @Test
    void stringComparisonIsCaseSensitive() {
        assertThat(evaluate("color = 'Blue'", "color", "blue")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("color = 'blue'", "color", "blue")).isEqualTo(Truth.TRUE);
    }

    static Stream<Arguments> exactLiterals() {
        return Stream.of(
                Arguments.of("57", 57L),
                Arguments.of("-957", -957L),
                Arguments.of("+62", 62L),
                Arguments.of("0", 0L),
                Arguments.of("12L", 12L),
                Arguments.of("12l", 12L),
                Arguments.of("1_000_000", 1_000_000L),
                Arguments.of("0x1F", 31L),
                Arguments.of("0XffL", 255L),
                Arguments.of("017", 15L),
                Arguments.of("0_17", 15L),
                Arguments.of("0b101", 5L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("0xFFFFFFFFFFFFFFFFL", -1L),
                Arguments.of("0x8000000000000000", Long.MIN_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactLiterals")
    void exactNumericLiteralsUseJavaIntegerLiteralSyntaxInTheRangeOfLong(String literal, long value) {
        assertThat(literal(literal)).isEqualTo(new ExactLiteral(value));
    }

    static Stream<Arguments> approximateLiterals() {
        return Stream.of(
                Arguments.of("7E3", 7000.0),
                Arguments.of("-57.9E2", -5790.0),
                Arguments.of("7.", 7.0),
                Arguments.of("-95.7", -95.7),
                Arguments.of("+6.2", 6.2),
                Arguments.of(".5", 0.5),
                Arguments.of("1e-3", 0.001),
                Arguments.of("1E+3", 1000.0),
                Arguments.of("2d", 2.0),
                Arguments.of("2.5D", 2.5),
                Arguments.of("1.5f", 1.5),
                Arguments.of("0.1f", (double) 0.1f),
                Arguments.of("09.5", 9.5),
                Arguments.of("1_0.2_5", 10.25),
                Arguments.of("0x1.8p1", 3.0),
                Arguments.of("1.7976931348623157E308", Double.MAX_VALUE),
                Arguments.of("4.9e-324", Double.MIN_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("approximateLiterals")
    void approximateNumericLiteralsUseJavaFloatingPointSyntax(String literal, double value) {
        assertThat(literal(literal)).isEqualTo(new ApproximateLiteral(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "9223372036854775808 = x    | out of the range of long",
        "x = 9223372036854775808    | only -9223372036854775808 is allowed",
        "x = 99999999999999999999   | out of the range of long",
        "x = 0x1FFFFFFFFFFFFFFFF    | out of the range of long",
        "x = 09                     | octal",
        "x = 1e400                  | out of the range of double",
        "x = 1e-400                 | out of the range of double",
        "x = 1e40f                  | out of the range of float",
        "x = 12abc                  | is not a valid number",
        "x = 1_                     | is not a valid number",
        "x = 1.2.3                  | is not a valid number",
        "x = 1e                     | the exponent has no digits",
        "x = 0x                     | hexadecimal digits must follow 0x",
        "x = 0x1.8                  | needs a binary exponent",
        "x = 0b                     | binary digits must follow 0b",
        "x = 1.5L                   | is not a valid number",
    })
    void malformedOrOutOfRangeNumbersAreInvalid(String selector, String problem) {
        assertThat(invalid(selector).getMessage()).contains(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE", "true", "True", "tRuE"})
    void trueIsCaseInsensitive(String literal) {
        assertThat(evaluate(literal)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("flag = " + literal, "flag", true)).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FALSE", "false", "False"})
    void falseIsCaseInsensitive(String literal) {
        assertThat(evaluate(literal)).isEqualTo(Truth.FALSE);
        assertThat(evaluate("flag = " + literal, "flag", false)).isEqualTo(Truth.TRUE);
    }

    @Test
    void floatSuffixMakesAFloatLiteralAsInJavaSoItEqualsAFloatProperty() {
        assertThat(evaluate("ratio = 0.1f", "ratio", 0.1f)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("ratio = 0.1", "ratio", 0.1f)).isEqualTo(Truth.FALSE);
        assertThat(evaluate("ratio = 0.1", "ratio", 0.1)).isEqualTo(Truth.TRUE);
    }

    @Test
    void dateLiteralsAreMillisecondIntegers() {
        assertThat(evaluate("JMSTimestamp > 1700000000000", "JMSTimestamp", 1_750_000_000_000L))
                .isEqualTo(Truth.TRUE);
    }
}

package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.evaluate;
import static dev.ferry.jms.selector.Selectors.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** §3.8.1.1 [NOT] BETWEEN, [NOT] IN, [NOT] LIKE and IS [NOT] NULL, including NULL and unlike operands. */
class SelectorPredicatesTest {

    // ---- BETWEEN -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "age = {0}: BETWEEN {1}, NOT BETWEEN {2}")
    @CsvSource({
        "14, FALSE, TRUE",
        "15, TRUE, FALSE",
        "17, TRUE, FALSE",
        "19, TRUE, FALSE",
        "20, FALSE, TRUE",
    })
    void betweenIncludesBothBounds(int age, Truth between, Truth notBetween) {
        assertThat(evaluate("age BETWEEN 15 AND 19", "age", age)).isEqualTo(between);
        assertThat(evaluate("age NOT BETWEEN 15 AND 19", "age", age)).isEqualTo(notBetween);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "age BETWEEN 15 AND 19              | UNKNOWN",
        "age NOT BETWEEN 15 AND 19          | UNKNOWN",
        "x BETWEEN low AND 19               | UNKNOWN",
        "x BETWEEN low AND 9                | FALSE",
        "x NOT BETWEEN low AND 19           | UNKNOWN",
        "x NOT BETWEEN low AND 9            | TRUE",
        "x BETWEEN 1 AND high               | UNKNOWN",
        "x BETWEEN 11 AND high              | FALSE",
    })
    void betweenWithNullOperandsBehavesAsItsExpansionIntoComparisons(String selector, Truth expected) {
        // "age BETWEEN 15 AND 19" is "age >= 15 AND age <= 19"; NOT BETWEEN is "age < 15 OR age > 19"
        assertThat(evaluate(selector, "x", 10)).isEqualTo(expected);
    }

    @Test
    void betweenTakesArithmeticBoundsAndMixesExactAndApproximate() {
        assertThat(evaluate("x BETWEEN y - 1 AND y * 2.5", "x", 4, "y", 2)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("x + 1 BETWEEN 1.5 AND 2.5", "x", 1)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("x BETWEEN 1 AND 2 AND y = 3", "x", 1, "y", 3)).isEqualTo(Truth.TRUE);
    }

    @Test
    void betweenOnAStringPropertyIsFalseLikeItsComparisons() {
        assertThat(evaluate("s BETWEEN 1 AND 3", "s", "2")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("s NOT BETWEEN 1 AND 3", "s", "2")).isEqualTo(Truth.FALSE);
    }

    // ---- IN ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "Country = {0}")
    @CsvSource({"UK, TRUE, FALSE", "US, TRUE, FALSE", "France, TRUE, FALSE", "Peru, FALSE, TRUE", "uk, FALSE, TRUE"})
    void inComparesWithEachStringLiteral(String country, Truth in, Truth notIn) {
        assertThat(evaluate("Country IN ('UK', 'US', 'France')", "Country", country)).isEqualTo(in);
        assertThat(evaluate("Country NOT IN ('UK', 'US', 'France')", "Country", country)).isEqualTo(notIn);
    }

    @Test
    void inWithNullIdentifierIsUnknown() {
        assertThat(evaluate("Country IN ('UK', 'US')")).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("Country NOT IN ('UK', 'US')")).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void inWithANonStringValueIsFalseAndNotInTrueAsTheOrOfEqualities() {
        assertThat(evaluate("code IN ('1', '2')", "code", 1)).isEqualTo(Truth.FALSE);
        assertThat(evaluate("code NOT IN ('1', '2')", "code", 1)).isEqualTo(Truth.TRUE);
    }

    @Test
    void inListsHoldOneOrManyStringsIncludingQuotes() {
        assertThat(evaluate("name IN ('O''Brien')", "name", "O'Brien")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("name in ('a','b','c','d','e','f','g','h','i','j')", "name", "j")).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Country IN ()            | 13 | expected a string literal in the list of IN",
        "Country IN ('UK', 5)     | 19 | string literals only",
        "Country IN ('UK' 'US')   | 18 | expected ',' or ')'",
        "Country IN 'UK'          | 12 | expected '(' to open the list of IN",
        "'UK' IN ('UK')           | 1  | IN applies to an identifier",
        "Country IN (x)           | 13 | string literals only",
    })
    void malformedInListsAreInvalid(String selector, int column, String problem) {
        SelectorSyntaxException invalid = invalid(selector);
        assertThat(invalid.getMessage()).contains(problem);
        assertThat(invalid.column()).isEqualTo(column);
    }

    // ---- LIKE --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "phone LIKE '12%3'                      | 123     | TRUE",
        "phone LIKE '12%3'                      | 12993   | TRUE",
        "phone LIKE '12%3'                      | 1234    | FALSE",
        "phone LIKE 'l_se'                      | lose    | TRUE",
        "phone LIKE 'l_se'                      | loose   | FALSE",
        "phone LIKE '\\_%' ESCAPE '\\'          | _foo    | TRUE",
        "phone LIKE '\\_%' ESCAPE '\\'          | bar     | FALSE",
        "phone NOT LIKE '12%3'                  | 123     | FALSE",
        "phone NOT LIKE '12%3'                  | 12993   | FALSE",
        "phone NOT LIKE '12%3'                  | 1234    | TRUE",
        "phone LIKE '%'                         | \"\"      | TRUE",
        "phone LIKE ''                          | \"\"      | TRUE",
        "phone LIKE ''                          | a       | FALSE",
        "phone LIKE '_'                         | \"\"      | FALSE",
        "phone LIKE 'a%b%c'                     | aXbYbZc | TRUE",
        "phone LIKE 'a%b%c'                     | acb     | FALSE",
        "phone LIKE '%!%' ESCAPE '!'            | 100%    | TRUE",
        "phone LIKE '%!%' ESCAPE '!'            | 100     | FALSE",
        "phone LIKE 'a!!b' ESCAPE '!'           | a!b     | TRUE",
        "phone LIKE 'a!xb' ESCAPE '!'           | axb     | TRUE",
        "phone LIKE 'it''s%'                    | it's ok | TRUE",
        "phone LIKE '.*'                        | abc     | FALSE",
        "phone LIKE '.*'                        | .*      | TRUE",
        "phone LIKE 'A%'                        | abc     | FALSE",
    })
    void likeMatchesUnderscoreAndPercentWildcards(String selector, String phone, Truth expected) {
        assertThat(evaluate(selector, "phone", phone)).isEqualTo(expected);
    }

    @Test
    void likeWithNullIdentifierIsUnknown() {
        assertThat(evaluate("phone LIKE '12%'")).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("phone NOT LIKE '12%'")).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void likeOnANonStringValueDoesNotMatch() {
        assertThat(evaluate("phone LIKE '12%'", "phone", 123)).isEqualTo(Truth.FALSE);
        assertThat(evaluate("phone NOT LIKE '12%'", "phone", 123)).isEqualTo(Truth.TRUE);
    }

    @Test
    void likeWildcardsMatchWholeCharactersOutsideTheBasicPlane() {
        assertThat(evaluate("face LIKE 'a_b'", "face", "a😀b")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("face LIKE '😀%' ESCAPE '😀'", "face", "%x")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("face LIKE '😀%' ESCAPE '😀'", "face", "%")).isEqualTo(Truth.TRUE);
    }

    @Test
    void likeMatchesTextContainingLineBreaks() {
        assertThat(evaluate("text LIKE 'a%z'", "text", "a\nb\r\nz")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("text LIKE 'a_z'", "text", "a\nz")).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "phone LIKE 5                      | 12 | expected a string literal as the pattern of LIKE",
        "phone LIKE x                      | 12 | expected a string literal as the pattern of LIKE",
        "5 LIKE '5'                        | 1  | LIKE applies to an identifier",
        "phone LIKE 'a' ESCAPE ''          | 23 | exactly one character",
        "phone LIKE 'a' ESCAPE 'ab'        | 23 | exactly one character",
        "phone LIKE 'a' ESCAPE x           | 23 | exactly one character",
        "phone LIKE 'ab!' ESCAPE '!'       | 12 | ends with its escape character",
        "phone NOT LIKE 'a' ESCAPE         | 26 | exactly one character",
        "phone ; 'x' LIKE 'a'              | 7  | unexpected character ';'",
    })
    void malformedLikeIsInvalid(String selector, int column, String problem) {
        SelectorSyntaxException invalid = invalid(selector);
        assertThat(invalid.getMessage()).contains(problem);
        assertThat(invalid.column()).isEqualTo(column);
    }

    // ---- IS NULL -----------------------------------------------------------------------------------------

    @Test
    void isNullTestsForAMissingOrNullValue() {
        assertThat(evaluate("prop_name IS NULL")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("prop_name IS NULL", "prop_name", null)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("prop_name IS NULL", "prop_name", "")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("prop_name IS NOT NULL", "prop_name", 0)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("prop_name IS NOT NULL")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("prop_name is not null", "prop_name", false)).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "x IS 5              | 6  | expected NULL or NOT NULL after IS",
        "x IS NOT 5          | 10 | expected NULL after IS NOT",
        "x + 1 IS NULL       | 1  | IS NULL applies to an identifier",
        "'x' IS NOT NULL     | 1  | IS NOT NULL applies to an identifier",
        "x ISNULL            | 3  | expected an operator",
    })
    void malformedIsNullIsInvalid(String selector, int column, String problem) {
        SelectorSyntaxException invalid = invalid(selector);
        assertThat(invalid.getMessage()).contains(problem);
        assertThat(invalid.column()).isEqualTo(column);
    }
}

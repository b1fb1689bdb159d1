package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.invalid;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A syntactically incorrect selector is an InvalidSelectorException (§3.8.1.1) whose message says at which 1-based
 * column the problem is and what was expected there.
 */
class SelectorSyntaxErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "color =              | 8  | expected an identifier, a literal or '(' but found the end of the selector",
        "color = 'red         | 9  | the string literal starting here has no closing single quote",
        "color == 'red'       | 8  | expected an identifier, a literal or '(' but found '='",
        "color != 'red'       | 7  | '!=' is not a selector operator; not equal is written '<>'",
        "(a = 1               | 7  | expected ')' to close the '(' at column 1 but found the end of the selector",
        "a = 1)               | 6  | found ')' without a matching '('",
        "a = 1 AND            | 10 | expected an identifier, a literal or '(' but found the end of the selector",
        "NOT 5                | 5  | NOT combines conditions, but '5' is a number",
        "a + 1                | 1  | a selector must be a condition, but 'a + 1' is a number",
        "'text'               | 1  | a selector must be a condition, but ''text'' is a string",
        "a = NULL             | 5  | NULL is not a value; test for a missing value with 'name IS NULL'",
        "a NOT = 1            | 7  | expected BETWEEN, IN or LIKE after NOT but found '='",
        "a BETWEEN 1 OR 2     | 13 | expected AND between the bounds of BETWEEN but found the reserved word OR",
        "and = 1              | 1  | expected an identifier, a literal or '(' but found the reserved word AND",
        "a = 1 # b            | 7  | unexpected character '#' (U+0023)",
        "color 'red'          | 7  | expected an operator (=, <>, <, <=, >, >=, BETWEEN, IN, LIKE or IS) or AND/OR after 'color' but found the string 'red'",
        "a = 1 b = 2          | 7  | expected AND, OR or the end of the selector but found the identifier b",
        "a = -                | 6  | expected an identifier, a literal or '(' but found the end of the selector",
        "()                   | 2  | expected an identifier, a literal or '(' but found ')'",
        "a IN ('x') ESCAPE '!'| 12 | expected AND, OR or the end of the selector but found the reserved word ESCAPE",
        "a = 1 OR OR b = 2    | 10 | found the reserved word OR",
        "a = 1 AND (b = 2 c)  | 18 | expected ')' to close the '(' at column 11 but found the identifier c",
    })
    void invalidSelectorNamesTheColumnAndWhatWasExpected(String selector, int column, String problem) {
        SelectorSyntaxException invalid = invalid(selector);
        assertThat(invalid).isInstanceOf(InvalidSelectorException.class);
        assertThat(invalid.column()).isEqualTo(column);
        assertThat(invalid.getMessage())
                .startsWith("Invalid message selector at column " + column + ": ")
                .contains(problem)
                .endsWith("in selector \"" + selector + "\"");
    }

    @Test
    void doubleQuotedStringIsInvalidWithAHint() {
        SelectorSyntaxException invalid = invalid("color = \"red\"");
        assertThat(invalid.column()).isEqualTo(9);
        assertThat(invalid.getMessage()).contains("string literals are enclosed in single quotes");
    }

    @Test
    void errorInAMultiLineSelectorNamesLineAndColumn() {
        SelectorSyntaxException invalid = invalid("a = 1 AND\n  b = ");
        assertThat(invalid.column()).isEqualTo(17);
        assertThat(invalid.getMessage()).contains("at line 2, column 7 (character 17)");
    }

    @Test
    void errorInAVeryLongSelectorQuotesOnlyTheTextAroundTheProblem() {
        String selector = "a = 1 OR ".repeat(1000) + "a = ";
        SelectorSyntaxException invalid = invalid(selector);
        assertThat(invalid.column()).isEqualTo(selector.length() + 1);
        assertThat(invalid.getMessage()).hasSizeLessThan(400).contains("(" + selector.length() + " characters)");
        assertThat(invalid.selector()).isEqualTo(selector);
    }

    @Test
    void sqlCommentsAreNotSupported() {
        assertThat(invalid("a = 1 /* comment */").column()).isEqualTo(8);
    }
}

package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.evaluate;
import static dev.ferry.jms.selector.Selectors.invalid;
import static dev.ferry.jms.selector.Selectors.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Absurd nesting is refused with a clear InvalidSelectorException instead of exhausting the stack, while long flat
 * chains of AND and OR, which make no deep tree, stay valid.
 */
class SelectorNestingLimitTest {

    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @Test
    void nestingUpTo256ParenthesesIsAccepted() {
        String text = "(".repeat(256) + "a = 1" + ")".repeat(256);
        assertThat(evaluate(text, "a", 1)).isEqualTo(Truth.TRUE);
    }

    @Test
    void nestingMoreThan256ParenthesesIsRefused() {
        SelectorSyntaxException refused = invalid("(".repeat(257) + "a = 1" + ")".repeat(257));
        assertThat(refused.column()).isEqualTo(257);
        assertThat(refused.getMessage()).contains("nested more than 256 levels deep");
    }

    @Test
    void aHundredThousandOpeningParenthesesAreRefusedQuickly() {
        assertTimeoutPreemptively(QUICKLY, () ->
                assertThat(invalid("(".repeat(100_000)).getMessage()).contains("more than 256 levels"));
    }

    @Test
    void longChainsOfNotAreRefused() {
        assertTimeoutPreemptively(QUICKLY, () ->
                assertThat(invalid("NOT ".repeat(100_000) + "a").getMessage()).contains("more than 256 levels"));
    }

    @Test
    void longChainsOfSignsAreRefused() {
        assertTimeoutPreemptively(QUICKLY, () ->
                assertThat(invalid("-".repeat(100_000) + "a = 1").getMessage()).contains("more than 256 levels"));
    }

    @Test
    void overAThousandChainedArithmeticOperatorsAreRefused() {
        assertTimeoutPreemptively(QUICKLY, () ->
                assertThat(invalid("a" + " + 1".repeat(100_000) + " > 0").getMessage())
                        .contains("more than 1024 levels deep"));
    }

    @Test
    void aThousandChainedArithmeticOperatorsAreAccepted() {
        assertThat(evaluate("a" + " + 1".repeat(1000) + " = 1000", "a", 0)).isEqualTo(Truth.TRUE);
    }

    @Test
    void longFlatChainsOfOrAndAndStayValidAndEvaluateWithoutDeepRecursion() {
        assertTimeoutPreemptively(QUICKLY, () -> {
            StringBuilder or = new StringBuilder("a = 0");
            StringBuilder and = new StringBuilder("a <> 0");
            for (int i = 1; i < 50_000; i++) {
                or.append(" OR a = ").append(i);
                and.append(" AND a <> ").append(i);
            }
            assertThat(evaluate(or.toString(), "a", 49_999)).isEqualTo(Truth.TRUE);
            assertThat(evaluate(and.toString(), "a", 50_000)).isEqualTo(Truth.TRUE);
            assertThat(selector(or.toString()).identifiers()).containsExactly("a");
        });
    }
}

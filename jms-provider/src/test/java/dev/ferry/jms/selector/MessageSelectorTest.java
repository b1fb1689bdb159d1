package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.message;
import static dev.ferry.jms.selector.Selectors.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.jms.selector.Expression.And;
import dev.ferry.jms.selector.Expression.BooleanLiteral;
import dev.ferry.jms.selector.Expression.Comparison;
import dev.ferry.jms.selector.Expression.ExactLiteral;
import dev.ferry.jms.selector.Expression.Identifier;
import dev.ferry.jms.selector.Expression.UnaryMinus;
import jakarta.jms.InvalidSelectorException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The public surface of a parsed selector. */
class MessageSelectorTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\r\n\f "})
    void nullOrBlankSelectorIsNoSelectorAndSelectsEverything(String text) throws InvalidSelectorException {
        MessageSelector selector = MessageSelector.parse(text);
        assertThat(selector).isSameAs(MessageSelector.ALL);
        assertThat(selector.selectsAll()).isTrue();
        assertThat(selector.matches(SelectorContext.of(Map.of()))).isTrue();
        assertThat(selector.matches(identifier -> "anything")).isTrue();
        assertThat(selector.text()).isEmpty();
        assertThat(selector.identifiers()).isEmpty();
        assertThat(selector.expression()).isEqualTo(new BooleanLiteral(true));
    }

    @Test
    void selectorMatchesOnlyWhenTrue() {
        MessageSelector selector = selector("color = 'red' AND size > 10");
        assertThat(selector.matches(SelectorContext.of(message("color", "red", "size", 11)))).isTrue();
        assertThat(selector.matches(SelectorContext.of(message("color", "red", "size", 10)))).isFalse();
        assertThat(selector.matches(SelectorContext.of(message("color", "red")))).isFalse();
        assertThat(selector.evaluate(SelectorContext.of(message("color", "red")))).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void selectorKeepsItsTextAndIsEqualToASelectorOfTheSameText() {
        MessageSelector selector = selector(" color = 'red' ");
        assertThat(selector.text()).isEqualTo(" color = 'red' ");
        assertThat(selector.toString()).isEqualTo(" color = 'red' ");
        assertThat(selector).isEqualTo(selector(" color = 'red' ")).hasSameHashCodeAs(selector(" color = 'red' "));
        assertThat(selector).isNotEqualTo(selector("color = 'red'"));
        assertThat(selector.selectsAll()).isFalse();
    }

    @Test
    void aSelectorThatIsAlwaysTrueIsStillNotAll() {
        assertThat(selector("TRUE").selectsAll()).isFalse();
        assertThat(selector("TRUE").matches(SelectorContext.of(Map.of()))).isTrue();
    }

    @Test
    void chainsOfTheSameLogicalOperatorAreOneNodeAndParenthesesShapeTheTree() {
        Expression a = new Comparison(ComparisonOperator.EQUAL, new Identifier("a"), new ExactLiteral(1));
        Expression b = new Comparison(ComparisonOperator.EQUAL, new Identifier("b"), new ExactLiteral(2));
        Expression c = new Comparison(ComparisonOperator.EQUAL, new Identifier("c"), new ExactLiteral(3));
        assertThat(selector("a = 1 AND b = 2 AND c = 3").expression()).isEqualTo(new And(java.util.List.of(a, b, c)));
        assertThat(selector("(a = 1 AND b = 2) AND c = 3").expression())
                .isEqualTo(new And(java.util.List.of(new And(java.util.List.of(a, b)), c)));
        assertThat(selector("((a = 1))").expression()).isEqualTo(a);
    }

    @Test
    void aSignBeforeANumberIsPartOfTheLiteralButASignBeforeParenthesesIsAnOperator() {
        assertThat(((Comparison) selector("x = -5").expression()).right()).isEqualTo(new ExactLiteral(-5));
        assertThat(((Comparison) selector("x = -(5)").expression()).right())
                .isEqualTo(new UnaryMinus(new ExactLiteral(5)));
    }

    @Test
    void identifiersCannotBeModified() {
        assertThatThrownBy(() -> selector("a = 1").identifiers().add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void syntaxErrorsAreInvalidSelectorExceptions() {
        assertThatThrownBy(() -> MessageSelector.parse("a ="))
                .isInstanceOf(InvalidSelectorException.class)
                .isInstanceOf(SelectorSyntaxException.class);
    }

    @Test
    void evaluatingWithoutAMessageIsRefusedClearly() {
        assertThatThrownBy(() -> selector("a = 1").matches(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message");
    }

    @Test
    void evaluatingASimpleSelectorAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MessageSelector selector = selector("color = 'red' AND size > 10 AND kind IN ('a', 'b') AND name LIKE 'x%'");
        SelectorContext message = SelectorContext.of(message("color", "red", "size", 11, "kind", "b", "name", "xy"));
        for (int i = 0; i < 20_000; i++) {
            selector.matches(message);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        boolean all = true;
        for (int i = 0; i < 100_000; i++) {
            all &= selector.matches(message);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(all).isTrue();
        // a single boxed value per evaluation would be 1.6 MB; allow for the measurement itself
        assertThat(allocated).isLessThan(64 * 1024);
    }
}

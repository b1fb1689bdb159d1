package dev.ferry.jms.selector;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.InvalidSelectorException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever text is presented, parsing either yields a selector that evaluates any message without throwing, or
 * fails with an InvalidSelectorException naming a column inside the text (or just past its end).
 */
class SelectorFuzzTest {

    private static final List<String> VOCABULARY = List.of(
            "a", "b", "JMSType", "JMSPriority", "JMSDeliveryMode", "JMSExpiration", "'x'", "'it''s'", "'%'", "'!'",
            "''", "1", "0", "2.5", "1e3", "0x1F", "07", "9223372036854775808", "-", "+", "*", "/", "(", ")", ",",
            "=", "<>", "<", "<=", ">", ">=", "AND", "or", "NOT", "BETWEEN", "IN", "LIKE", "ESCAPE", "IS", "NULL",
            "TRUE", "false", "'", "!", "\"", "\n");

    private static final List<Map<String, Object>> MESSAGES = List.of(
            Map.of(),
            Map.of("a", 1, "b", "x", "JMSType", "t", "JMSPriority", 4, "JMSDeliveryMode", "PERSISTENT"),
            Map.of("a", "1", "b", 2.5, "JMSType", "x"),
            Map.of("a", true, "b", 0L));

    @Provide
    Arbitrary<String> tokenSoup() {
        return Combinators.combine(Arbitraries.of(VOCABULARY).list().ofMaxSize(24), Arbitraries.of(" ", ""))
                .as((tokens, separator) -> String.join(separator, tokens));
    }

    @Provide
    Arbitrary<String> characterSoup() {
        return Arbitraries.strings().withChars("abxAaNnDdOoRrTtIiSsLlKkEe ()'\"=<>+-*/.,%_!$0123456789xXpPfFdD\t\n")
                .ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    /** A valid selector with a few characters deleted, inserted or replaced. */
    @Provide
    Arbitrary<String> mutatedSelectors() {
        Arbitrary<String> selectors = SelectorArbitraries.conditions(2)
                .map(new SelectorRenderer(SelectorRenderer.KeywordCase.UPPER)::render);
        Arbitrary<Tuple.Tuple3<Integer, Integer, String>> mutation = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.of(VOCABULARY))
                .as(Tuple::of);
        return Combinators.combine(selectors, mutation.list().ofMinSize(1).ofMaxSize(4))
                .as((selector, mutations) -> {
                    StringBuilder text = new StringBuilder(selector);
                    for (Tuple.Tuple3<Integer, Integer, String> m : mutations) {
                        int at = m.get2() % (text.length() + 1);
                        switch (m.get1()) {
                            case 0:
                                if (at < text.length()) {
                                    text.deleteCharAt(at);
                                }
                                break;
                            case 1:
                                text.insert(at, m.get3());
                                break;
                            default:
                                text.replace(at, Math.min(text.length(), at + 1), m.get3());
                                break;
                        }
                    }
                    return text.toString();
                });
    }

    @Property(tries = 1000)
    void tokenSoupParsesOrIsAnInvalidSelector(@ForAll("tokenSoup") String text) {
        parseAndEvaluateOrRefuse(text);
    }

    @Property(tries = 1000)
    void characterSoupParsesOrIsAnInvalidSelector(@ForAll("characterSoup") String text) {
        parseAndEvaluateOrRefuse(text);
    }

    @Property(tries = 500)
    void arbitraryUnicodeParsesOrIsAnInvalidSelector(@ForAll("anyText") String text) {
        parseAndEvaluateOrRefuse(text);
    }

    @Property(tries = 1000)
    void mutatedValidSelectorParsesOrIsAnInvalidSelector(@ForAll("mutatedSelectors") String text) {
        parseAndEvaluateOrRefuse(text);
    }

    /** Anything but an InvalidSelectorException escaping parse, or any exception escaping evaluate, fails. */
    private static void parseAndEvaluateOrRefuse(String text) {
        MessageSelector selector;
        try {
            selector = MessageSelector.parse(text);
        } catch (InvalidSelectorException refused) {
            assertThat(refused).isInstanceOf(SelectorSyntaxException.class);
            int column = ((SelectorSyntaxException) refused).column();
            assertThat(column).as(text).isBetween(1, text.length() + 1);
            assertThat(refused.getMessage()).contains("Invalid message selector at ");
            Statistics.collect("refused");
            return;
        }
        for (Map<String, Object> message : MESSAGES) {
            Truth truth = selector.evaluate(SelectorContext.of(message));
            assertThat(truth).isNotNull();
        }
        Statistics.collect("parsed");
    }
}

package dev.ferry.jms.selector;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.InvalidSelectorException;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random well-typed selector trees, written out as text, parsed and evaluated against random messages, agree with
 * the reference evaluation over the generated tree, and parse back into the very same tree.
 */
class SelectorPropertyTest {

    @Provide
    Arbitrary<Expression> conditions() {
        return SelectorArbitraries.conditions(3);
    }

    @Provide
    Arbitrary<Map<String, Object>> messages() {
        return SelectorArbitraries.messages();
    }

    @Property
    void parsedSelectorEvaluatesLikeTheReferenceEvaluation(@ForAll("conditions") Expression condition,
                                                           @ForAll("messages") Map<String, Object> message,
                                                           @ForAll SelectorRenderer.KeywordCase keywordCase)
            throws InvalidSelectorException {
        String text = new SelectorRenderer(keywordCase).render(condition);
        MessageSelector selector = MessageSelector.parse(text);

        Boolean expected = new ReferenceEvaluator(message).truth(condition);
        Truth actual = selector.evaluate(SelectorContext.of(message));

        assertThat(actual).as("%s with %s", text, message)
                .isEqualTo(expected == null ? Truth.UNKNOWN : expected ? Truth.TRUE : Truth.FALSE);
        assertThat(selector.matches(SelectorContext.of(message))).isEqualTo(Boolean.TRUE.equals(expected));
        Statistics.label("result").collect(actual);
        Statistics.label("result").coverage(coverage -> {
            // the comparison means little unless all three outcomes are common
            coverage.check(Truth.TRUE).percentage(percent -> percent > 10);
            coverage.check(Truth.FALSE).percentage(percent -> percent > 10);
            coverage.check(Truth.UNKNOWN).percentage(percent -> percent > 10);
        });
    }

    @Property
    void renderedSelectorParsesBackIntoTheSameTree(@ForAll("conditions") Expression condition,
                                                   @ForAll SelectorRenderer.KeywordCase keywordCase)
            throws InvalidSelectorException {
        String text = new SelectorRenderer(keywordCase).render(condition);
        assertThat(MessageSelector.parse(text).expression()).as(text).isEqualTo(condition);
    }

    @Property
    void identifiersAreExactlyTheNamesInTheTree(@ForAll("conditions") Expression condition)
            throws InvalidSelectorException {
        String text = new SelectorRenderer(SelectorRenderer.KeywordCase.UPPER).render(condition);
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                "'(?:[^']|'')*'|[0-9][0-9A-Za-z_.]*|[A-Za-z_$][A-Za-z0-9_$]*")
                .matcher(text);
        while (matcher.find()) {
            String token = matcher.group();
            if (!Character.isDigit(token.charAt(0)) && !token.startsWith("'") && !RESERVED.contains(token)) {
                names.add(token);
            }
        }
        assertThat(MessageSelector.parse(text).identifiers()).as(text).containsExactlyElementsOf(names);
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("NOT", "AND", "OR", "BETWEEN", "LIKE",
            "IN", "IS", "ESCAPE", "NULL", "TRUE", "FALSE");
}

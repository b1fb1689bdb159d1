package dev.ferry.jms.selector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.InvalidSelectorException;
import java.util.HashMap;
import java.util.Map;

/** Shorthand for the selector tests: messages as maps, parsing that fails the test on a syntax error. */
final class Selectors {

    private Selectors() {
    }

    /** A message's values from name/value pairs; a null value is the same as an absent one. */
    static Map<String, Object> message(Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    static MessageSelector selector(String text) {
        try {
            return MessageSelector.parse(text);
        } catch (InvalidSelectorException e) {
            throw new AssertionError("expected a valid selector: " + text, e);
        }
    }

    static Truth evaluate(String selector, Map<String, Object> message) {
        return selector(selector).evaluate(SelectorContext.of(message));
    }

    static Truth evaluate(String selector, Object... namesAndValues) {
        return evaluate(selector, message(namesAndValues));
    }

    static SelectorSyntaxException invalid(String selector) {
        SelectorSyntaxException[] caught = new SelectorSyntaxException[1];
        assertThatThrownBy(() -> MessageSelector.parse(selector))
                .as("selector %s", selector)
                .isInstanceOfSatisfying(SelectorSyntaxException.class, e -> caught[0] = e);
        return caught[0];
    }
}

package dev.ferry.jms.message;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropertyReplayRulesTest {

    private static byte[] stored() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("orderId", 42L);
        properties.put("region", "eu");
        properties.put("traceparent", "00-abc-def-01");
        properties.put("X-B3-TraceId", "abc");
        properties.put("X-B3-SpanId", "def");
        return MessageCodec.encodeStoredProperties(properties);
    }

    @Test
    void deniedNamesAndPrefixesAreDroppedAndTheRestKeepTheirTypes() throws Exception {
        PropertyReplayRules rules = PropertyReplayRules.parse("", "traceparent, X-B3-*");

        Map<String, Object> kept = MessageCodec.decodeStoredProperties(rules.rewrite(stored()));

        assertThat(kept).containsExactly(Map.entry("orderId", 42L), Map.entry("region", "eu"));
    }

    @Test
    void anAllowListKeepsOnlyWhatItNamesMinusWhatIsDenied() throws Exception {
        PropertyReplayRules rules = PropertyReplayRules.parse("orderId, X-B3-*", "X-B3-SpanId");

        Map<String, Object> kept = MessageCodec.decodeStoredProperties(rules.rewrite(stored()));

        assertThat(kept).containsOnlyKeys("orderId", "X-B3-TraceId");
    }

    @Test
    void propertiesThatAllPassAreReturnedUnchanged() {
        byte[] properties = stored();

        assertThat(PropertyReplayRules.parse(null, "nothing-like-this").rewrite(properties)).isSameAs(properties);
    }

    @Test
    void unreadablePropertiesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> PropertyReplayRules.parse("", "x").rewrite(new byte[] {99, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stored properties cannot be read");
    }
}

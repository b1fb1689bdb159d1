package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The examples of Jakarta Messaging 3.1 §3.8.1, as written there. */
class SpecificationExamplesTest {

    @Test
    void carColorAndWeightExampleSelectsOnlyHeavyBlueCars() {
        String selector = "JMSType = 'car' AND color = 'blue' AND weight > 2500";
        assertThat(evaluate(selector, "JMSType", "car", "color", "blue", "weight", 3000)).isEqualTo(Truth.TRUE);
        assertThat(evaluate(selector, "JMSType", "car", "color", "blue", "weight", 2500)).isEqualTo(Truth.FALSE);
        assertThat(evaluate(selector, "JMSType", "car", "color", "red", "weight", 3000)).isEqualTo(Truth.FALSE);
        assertThat(evaluate(selector, "color", "blue", "weight", 3000)).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void numberOfOrdersSetAsAStringIsNotANumber() {
        assertThat(evaluate("NumberOfOrders > 1", "NumberOfOrders", "2")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("NumberOfOrders > 1", "NumberOfOrders", 2)).isEqualTo(Truth.TRUE);
    }

    @Test
    void literalExamples() {
        assertThat(evaluate("s = 'literal''s'", "s", "literal's")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("a = 57 AND b = -957 AND c = +62", "a", 57, "b", -957, "c", 62)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("a = 7E3 AND b = -57.9E2", "a", 7000.0, "b", -5790.0)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("a = 7. AND b = -95.7 AND c = +6.2", "a", 7.0, "b", -95.7, "c", 6.2))
                .isEqualTo(Truth.TRUE);
    }

    @Test
    void betweenExamples() {
        assertThat(evaluate("age BETWEEN 15 AND 19", "age", 19)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("age NOT BETWEEN 15 AND 19", "age", 14)).isEqualTo(Truth.TRUE);
    }

    @Test
    void inExamples() {
        assertThat(evaluate("Country IN ('UK', 'US', 'France')", "Country", "UK")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("Country IN ('UK', 'US', 'France')", "Country", "Peru")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("Country NOT IN ('UK', 'US', 'France')", "Country", "UK")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("Country NOT IN ('UK', 'US', 'France')", "Country", "Peru")).isEqualTo(Truth.TRUE);
    }

    @Test
    void likeExamples() {
        assertThat(evaluate("phone LIKE '12%3'", "phone", "123")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("phone LIKE '12%3'", "phone", "12993")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("phone LIKE '12%3'", "phone", "1234")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("word LIKE 'l_se'", "word", "lose")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("word LIKE 'l_se'", "word", "loose")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("underscored LIKE '\\_%' ESCAPE '\\'", "underscored", "_foo")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("underscored LIKE '\\_%' ESCAPE '\\'", "underscored", "bar")).isEqualTo(Truth.FALSE);
        assertThat(evaluate("phone NOT LIKE '12%3'", "phone", "1234")).isEqualTo(Truth.TRUE);
    }

    @Test
    void isNullExamples() {
        assertThat(evaluate("prop_name IS NULL")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("prop_name IS NOT NULL", "prop_name", "x")).isEqualTo(Truth.TRUE);
    }

    @Test
    void deliveryModeIsTreatedAsPersistentOrNonPersistent() {
        assertThat(evaluate("JMSDeliveryMode = 'NON_PERSISTENT'", "JMSDeliveryMode", "NON_PERSISTENT"))
                .isEqualTo(Truth.TRUE);
    }
}

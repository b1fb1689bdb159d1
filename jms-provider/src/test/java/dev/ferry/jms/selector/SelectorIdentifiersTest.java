package dev.ferry.jms.selector;

import static dev.ferry.jms.selector.Selectors.evaluate;
import static dev.ferry.jms.selector.Selectors.invalid;
import static dev.ferry.jms.selector.Selectors.selector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.jms.selector.Expression.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §3.8.1.1 identifiers: Java identifiers, case-sensitive, not reserved words; header and property references. */
class SelectorIdentifiersTest {

    @Test
    void identifiersAreCaseSensitive() {
        assertThat(evaluate("Color = 'red'", "color", "red")).isEqualTo(Truth.UNKNOWN);
        assertThat(evaluate("color = 'red'", "color", "red")).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_under", "$dollar", "a1", "größe", "名前", "x$_9", "JMSXGroupID", "JMS_ferry_origin"})
    void identifiersFollowJavaIdentifierRules(String name) {
        assertThat(evaluate(name + " = 'v'", name, "v")).isEqualTo(Truth.TRUE);
        assertThat(selector(name + " = 'v'").identifiers()).containsExactly(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE",
        "null", "Between", "like", "iS", "escape"})
    void reservedWordsInAnyCaseAreNotIdentifiers(String word) {
        assertThat(invalid(word + " IS NULL").getMessage()).contains("Invalid message selector at column");
    }

    @Test
    void keywordsMatchInAsciiCaseOnlySoDotlessIIsAnIdentifierLetter() {
        assertThat(evaluate("lıke = 1", "lıke", 1)).isEqualTo(Truth.TRUE);
    }

    @Test
    void wordsThatOnlyContainAReservedWordAreIdentifiers() {
        assertThat(evaluate("notice = 1 AND ORDER = 2 AND island = 3 AND nullable IS NULL",
                "notice", 1, "ORDER", 2, "island", 3)).isEqualTo(Truth.TRUE);
    }

    @Test
    void absentPropertyIsNull() {
        assertThat(evaluate("missing IS NULL")).isEqualTo(Truth.TRUE);
        assertThat(evaluate("missing = 'x'")).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void jmsxPropertiesAreReadByNameLikeAnyOtherProperty() {
        assertThat(evaluate("JMSXDeliveryCount > 1", "JMSXDeliveryCount", 2)).isEqualTo(Truth.TRUE);
        assertThat(evaluate("JMSXGroupID = 'g1' AND JMSXGroupSeq = 3", "JMSXGroupID", "g1", "JMSXGroupSeq", 3))
                .isEqualTo(Truth.TRUE);
        assertThat(evaluate("JMSXGroupID IS NULL")).isEqualTo(Truth.TRUE);
    }

    @Test
    void selectableHeadersAreRecognisedAsHeaders() {
        for (SelectorHeader header : SelectorHeader.values()) {
            Identifier identifier = new Identifier(header.identifier());
            assertThat(identifier.header()).contains(header);
        }
        assertThat(new Identifier("jmsType").header()).isEmpty();
        assertThat(new Identifier("JMSXGroupID").header()).isEmpty();
    }

    @Test
    void deliveryModeIsComparedAsPersistentOrNonPersistent() {
        assertThat(evaluate("JMSDeliveryMode = 'PERSISTENT'", "JMSDeliveryMode", "PERSISTENT"))
                .isEqualTo(Truth.TRUE);
        assertThat(evaluate("JMSDeliveryMode = 'NON_PERSISTENT'", "JMSDeliveryMode", "PERSISTENT"))
                .isEqualTo(Truth.FALSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JMSDestination IS NULL", "JMSReplyTo IS NOT NULL", "JMSRedelivered = TRUE",
        "JMSExpiration > 0", "JMSDeliveryTime < 5", "a = 1 OR JMSExpiration = 0"})
    void headersOutsideTheSelectableSixAreRefused(String text) {
        assertThat(invalid(text).getMessage())
                .contains("cannot be used in a selector")
                .contains("JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID and JMSType");
    }

    @Test
    void numericHeadersCannotBeUsedAsStrings() {
        assertThat(invalid("JMSPriority LIKE '4%'").getMessage()).contains("the header JMSPriority is numeric");
        assertThat(invalid("JMSTimestamp IN ('1')").getMessage()).contains("numeric");
    }

    @Test
    void stringHeadersCannotBeUsedInArithmetic() {
        assertThat(invalid("JMSType + 1 > 2").getMessage()).contains("needs numeric operands");
        assertThat(invalid("JMSMessageID > 'ID:1'").getMessage()).contains("orders numbers only");
    }

    @Test
    void identifiersListsEveryNameReadInOrderOfFirstAppearance() {
        MessageSelector selector = selector(
                "JMSType = 'car' AND (color = 'blue' OR weight > 2500) AND color IS NOT NULL AND JMSXGroupSeq + 1 > 2");
        assertThat(selector.identifiers()).containsExactly("JMSType", "color", "weight", "JMSXGroupSeq");
    }
}

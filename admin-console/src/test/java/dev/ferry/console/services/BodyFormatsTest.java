package dev.ferry.console.services;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BodyFormatsTest {

    @Test
    void jsonIsIndentedWithStringsLeftAlone() {
        String pretty = BodyFormats.prettyJson("{\"a\":1,\"b\":[true,null],\"c\":\"x, {y}: z\",\"d\":{}}");
        assertThat(pretty).isEqualTo("""
                {
                  "a": 1,
                  "b": [
                    true,
                    null
                  ],
                  "c": "x, {y}: z",
                  "d": {}
                }""");
    }

    @Test
    void textThatIsNotJsonIsNotReformatted() {
        assertThat(BodyFormats.prettyJson("hello {world}")).isNull();
        assertThat(BodyFormats.prettyJson("{\"unbalanced\": [1, 2}")).isNull();
        assertThat(BodyFormats.prettyJson("{\"open\": \"string}")).isNull();
    }

    @Test
    void xmlIsIndented() {
        String pretty = BodyFormats.prettyXml("<invoice number=\"7\"><customer>ACME</customer><total>12</total></invoice>");
        assertThat(pretty).isEqualTo("""
                <invoice number="7">
                  <customer>ACME</customer>
                  <total>12</total>
                </invoice>""");
    }

    @Test
    void xmlWithADocumentTypeIsNotParsedSoExternalEntitiesAreNeverRead() {
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        assertThat(BodyFormats.prettyXml(hostile)).isNull();
    }

    @Test
    void malformedXmlIsNotReformatted() {
        assertThat(BodyFormats.prettyXml("<a><b></a>")).isNull();
        assertThat(BodyFormats.prettyXml("plain text")).isNull();
    }

    @Test
    void bytesAreDumpedAsOffsetHexAndPrintableText() {
        byte[] bytes = "FERRY\u0000\u0001 rides the river!".getBytes(StandardCharsets.ISO_8859_1);
        List<String> lines = BodyFormats.hexDump(bytes, 1024);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("00000000  46 45 52 52 59 00 01 20").endsWith("|FERRY.. rides th|");
        assertThat(lines.get(1)).startsWith("00000010  65 20 72 69 76 65 72 21").endsWith("|e river!|");
    }

    @Test
    void longBytesAreCutWithTheRestCounted() {
        List<String> lines = BodyFormats.hexDump(new byte[100], 32);
        assertThat(lines).hasSize(3).last().isEqualTo("… 68 more bytes");
    }

    @Test
    void serializedClassNameIsReadFromTheStreamHeaderWithoutDeserializing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("a")));
        }
        assertThat(BodyFormats.serializedClassName(bytes.toByteArray())).isEqualTo("java.util.ArrayList");
        assertThat(BodyFormats.serializedClassName("not serialized".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}

package dev.ferry.console.services;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Renders message bodies for reading: JSON and XML indented, bytes as a hex dump. */
public final class BodyFormats {

    private static final int HEX_LINE = 16;

    private BodyFormats() {
    }

    /** Indented JSON, or {@code null} when the text is not a JSON object or array. */
    public static String prettyJson(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") && trimmed.endsWith("}")) && !(trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            return null;
        }
        StringBuilder out = new StringBuilder(trimmed.length() * 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < trimmed.length()) {
                    out.append(trimmed.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    depth++;
                    out.append(c).append('\n').append("  ".repeat(depth));
                }
                case '}', ']' -> {
                    depth--;
                    if (depth < 0) {
                        return null;
                    }
                    out.append('\n').append("  ".repeat(depth)).append(c);
                }
                case ',' -> out.append(c).append('\n').append("  ".repeat(depth));
                case ':' -> out.append(": ");
                case ' ', '\t', '\n', '\r' -> {
                    // layout is ours
                }
                default -> out.append(c);
            }
        }
        if (inString || depth != 0) {
            return null;
        }
        // empty containers read better on one line
        return out.toString().replaceAll("\\{\\s+}", "{}").replaceAll("\\[\\s+]", "[]");
    }

    /**
     * Indented XML, or {@code null} when the text is not well-formed XML. Document type declarations are
     * refused, so a message cannot make the console read files or URLs (XXE).
     */
    public static String prettyXml(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("<")) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document document = builder.parse(new InputSource(new StringReader(trimmed)));
            removeWhitespaceText(document.getDocumentElement());
            TransformerFactory transformers = TransformerFactory.newInstance();
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = transformers.newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, trimmed.startsWith("<?xml") ? "no" : "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString().strip();
        } catch (Exception notXml) {
            return null;
        }
    }

    private static void removeWhitespaceText(org.w3c.dom.Node node) {
        org.w3c.dom.NodeList children = node.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            org.w3c.dom.Node child = children.item(i);
            if (child.getNodeType() == org.w3c.dom.Node.TEXT_NODE && child.getTextContent().isBlank()) {
                node.removeChild(child);
            } else if (child.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE) {
                removeWhitespaceText(child);
            }
        }
    }

    /** {@code 00000010  48 65 6c …  |Hel…|}: offset, 16 bytes in hex, and the printable ASCII of them. */
    public static List<String> hexDump(byte[] bytes, int maxBytes) {
        List<String> lines = new ArrayList<>();
        int length = Math.min(bytes.length, maxBytes);
        for (int offset = 0; offset < length; offset += HEX_LINE) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = offset; i < offset + HEX_LINE; i++) {
                if (i < length) {
                    int b = bytes[i] & 0xFF;
                    hex.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    hex.append("   ");
                }
            }
            lines.add(String.format("%08x  %s |%s|", offset, hex, ascii));
        }
        if (bytes.length > maxBytes) {
            lines.add("… " + (bytes.length - maxBytes) + " more bytes");
        }
        return lines;
    }

    /**
     * The class name a Java serialization stream starts with, read from the stream header without
     * deserializing anything (the console never runs a message's classes); {@code null} when the bytes are not
     * a serialized object.
     */
    public static String serializedClassName(byte[] bytes) {
        // stream magic 0xACED, version 5, TC_OBJECT 0x73, TC_CLASSDESC 0x72, then the class name in modified UTF-8
        if (bytes == null || bytes.length < 8 || (bytes[0] & 0xFF) != 0xAC || (bytes[1] & 0xFF) != 0xED
                || bytes[4] != 0x73) {
            return null;
        }
        int tag = bytes[5] & 0xFF;
        if (tag == 0x7D) {
            return "(dynamic proxy)";
        }
        if (tag != 0x72) {
            return null;
        }
        int length = ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
        if (8 + length > bytes.length) {
            return null;
        }
        return new String(bytes, 8, length, StandardCharsets.UTF_8);
    }
}

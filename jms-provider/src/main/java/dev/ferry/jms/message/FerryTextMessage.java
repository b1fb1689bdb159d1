package dev.ferry.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

/** A message whose body is a String (JMS 3.1 §3.11). A {@code null} text is a message without body. */
public class FerryTextMessage extends FerryMessage implements TextMessage {

    private String text;

    public FerryTextMessage() {
    }

    public FerryTextMessage(String text) {
        this.text = text;
    }

    @Override
    public BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    /** Sets the text of a decoded message, whatever its mode. */
    void setStoredText(String text) {
        this.text = text;
    }

    @Override
    void clearBodyContent() {
        text = null;
    }

    @Override
    Object bodyForAssignment() {
        return text;
    }

    @Override
    String bodySummary() {
        return text == null ? "no text" : "text of " + text.length() + " chars";
    }
}

package dev.ferry.jms.message;

/** A message with headers and properties only, what {@code Session.createMessage()} returns. */
public final class FerryPlainMessage extends FerryMessage {

    public FerryPlainMessage() {
    }

    @Override
    public BodyType bodyType() {
        return BodyType.PLAIN;
    }

    @Override
    void clearBodyContent() {
        // no body to clear
    }

    /** A plain message never has a body, so any type may be asked for and the answer is null. */
    @Override
    Object bodyForAssignment() {
        return null;
    }

    @Override
    String bodySummary() {
        return null;
    }
}

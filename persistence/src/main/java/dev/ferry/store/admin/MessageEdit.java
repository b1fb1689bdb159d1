package dev.ferry.store.admin;

/**
 * Changes to a message before it is sent again. A {@code null} field keeps the original value.
 *
 * @param body          new encoded body (same body type), or {@code null} to keep it
 * @param properties    new encoded properties, or {@code null} to keep them (the replay's rewrite still applies)
 * @param correlationId new correlation id, or {@code null}
 * @param type          new {@code JMSType}, or {@code null}
 * @param priority      new priority 0..9, or {@code null}
 */
public record MessageEdit(byte[] body, byte[] properties, String correlationId, String type, Integer priority) {

    public static final MessageEdit NONE = new MessageEdit(null, null, null, null, null);

    public MessageEdit {
        if (priority != null && (priority < 0 || priority > 9)) {
            throw new IllegalArgumentException("priority must be 0..9, was " + priority);
        }
    }
}

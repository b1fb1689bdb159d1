package dev.ferry.store.admin;

/**
 * Rewrites a message's encoded properties on replay, e.g. an allow/deny list of property names that drops
 * tracing headers. The encoding belongs to the messaging layer, so the caller supplies the rewrite (the provider
 * offers {@code dev.ferry.jms.message.PropertyReplayRules}).
 */
@FunctionalInterface
public interface PropertyRewrite {

    PropertyRewrite KEEP_ALL = properties -> properties;

    /** The properties to store on the replayed message (never {@code null}). */
    byte[] rewrite(byte[] encodedProperties);
}

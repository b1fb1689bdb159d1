package dev.ferry.store;

/** The outcome of {@link MessageStore#attachConsumer}: recording a consumer of this node on a subscription. */
public enum ConsumerAttachment {
    /** The consumer is counted; every node now sees it. */
    ATTACHED,
    /** An exclusive attachment was refused: a consumer of some node (this one included) is already counted. */
    BUSY,
    /** The subscription no longer exists (deleted meanwhile by its last consumer or by the reaper of its node). */
    GONE
}

package dev.ferry.ra.admin;

import jakarta.jms.Queue;

/** A queue administered through the resource adapter; see {@link AdminDestination}. */
public class AdminQueue extends AdminDestination implements Queue {

    private static final long serialVersionUID = 1L;

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    String scheme() {
        return "queue";
    }
}

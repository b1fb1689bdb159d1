package dev.ferry.ra.admin;

import jakarta.jms.Topic;

/** A topic administered through the resource adapter; see {@link AdminDestination}. */
public class AdminTopic extends AdminDestination implements Topic {

    private static final long serialVersionUID = 1L;

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    String scheme() {
        return "topic";
    }
}

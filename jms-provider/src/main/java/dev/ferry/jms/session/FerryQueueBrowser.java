package dev.ferry.jms.session;

import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.engine.QueueBrowse;
import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.jms.support.JmsExceptions;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * Looks at a queue's messages without consuming them (JMS 3.1 §6.2.9). Each {@link #getEnumeration()} is a new
 * pass over the queue as it is while the pass advances.
 */
public class FerryQueueBrowser implements QueueBrowser {

    private final FerrySession session;
    private final FerryQueue queue;
    private final MessageSelector selector;
    private volatile boolean closed;

    FerryQueueBrowser(FerrySession session, FerryQueue queue, MessageSelector selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector == MessageSelector.ALL ? null : selector.text();
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        QueueBrowse browse = QueueBrowse.of(session.engine(), queue, selector);
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                if (isClosed()) {
                    return false;
                }
                return JmsExceptions.unchecked(browse::hasNext);
            }

            @Override
            public Message nextElement() {
                Message next = isClosed() ? null : JmsExceptions.unchecked(browse::next);
                if (next == null) {
                    throw new NoSuchElementException("no more messages in " + queue);
                }
                return next;
            }
        };
    }

    @Override
    public void close() throws JMSException {
        closed = true;
    }

    boolean isClosed() {
        return closed || session.isClosed();
    }

    private void checkOpen() throws IllegalStateException {
        if (isClosed()) {
            throw new IllegalStateException("the queue browser is closed");
        }
    }
}

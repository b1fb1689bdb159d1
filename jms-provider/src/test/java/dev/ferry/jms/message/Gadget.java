package dev.ferry.jms.message;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for a deserialization gadget: a class outside the allow list whose {@code readObject} has a side
 * effect. The tests check that it is refused before that side effect runs.
 */
final class Gadget implements Serializable {

    private static final long serialVersionUID = 1L;

    static final AtomicInteger READ_OBJECT_CALLS = new AtomicInteger();

    final String payload;

    Gadget(String payload) {
        this.payload = payload;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        READ_OBJECT_CALLS.incrementAndGet();
        in.defaultReadObject();
    }
}

package dev.ferry.ra.outbound;

/** An application's handle on a pooled {@link FerryManagedConnection}: a {@code Connection} or a {@code JMSContext}. */
interface ContainerHandle {

    FerryManagedConnection managedConnection();

    /** The server moved this handle to another managed connection (JCA 2.1 §6.5.4.2, connection association). */
    void reassign(FerryManagedConnection target);

    /** The managed connection went back to the pool: every later call fails, consumers and producers close. */
    void invalidate();
}

package dev.ferry.bench.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client threads of one pass. The first failure of any member stops the others (they poll
 * {@link #aborted()}) and is rethrown by {@link #await}; every wait is bounded.
 */
final class Crew implements AutoCloseable {

    private final ExecutorService threads;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Crew(String name) {
        this.threads = Executors.newCachedThreadPool(Thread.ofPlatform().name(name + "-", 0).daemon().factory());
    }

    /** A group of members started together and awaited together, e.g. the producers. */
    final class Group {
        private final String what;
        private final List<Future<?>> members = new ArrayList<>();

        private Group(String what) {
            this.what = what;
        }

        void start(Callable<?> member) {
            members.add(threads.submit(() -> {
                try {
                    return member.call();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    throw t;
                }
            }));
        }

        /** Waits for every member; throws the crew's first failure, or a timeout naming the group. */
        void await(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<?> member : members) {
                try {
                    member.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    rethrowFirstFailure();
                } catch (TimeoutException e) {
                    failure.compareAndSet(null, e);
                    rethrowFirstFailure();
                    throw new TimeoutException(what + " did not finish within " + timeout.toSeconds() + " s");
                }
            }
            rethrowFirstFailure();
        }
    }

    Group group(String what) {
        return new Group(what);
    }

    boolean aborted() {
        return failure.get() != null;
    }

    private void rethrowFirstFailure() throws Exception {
        Throwable first = failure.get();
        if (first == null || first instanceof TimeoutException) {
            return;
        }
        if (first instanceof Exception exception) {
            throw exception;
        }
        throw (Error) first;
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            // blocked in a provider call that ignores interrupts; daemon threads end with the JVM
            System.err.println("warning: client threads still running after the pass");
        }
    }
}

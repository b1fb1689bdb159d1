package dev.ferry.it.app;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.jms.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The deliveries the application's beans saw, per channel, for the tests to wait on. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Deliveries {

    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostActive = new ConcurrentHashMap<>();

    public void record(String channel, Message message) {
        seen.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(Seen.of(message));
    }

    public List<Seen> seen(String channel) {
        return new ArrayList<>(seen.getOrDefault(channel, List.of()));
    }

    /** Waits until the channel has at least {@code count} deliveries, or the timeout passed; returns them. */
    public List<Seen> await(String channel, int count, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (seen(channel).size() < count && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return seen(channel);
    }

    /** Marks one more delivery of the channel in progress. */
    public void enter(String channel) {
        int now = active.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
        mostActive.computeIfAbsent(channel, c -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    public void leave(String channel) {
        active.get(channel).decrementAndGet();
    }

    /** The most deliveries of the channel that were in progress at the same time. */
    public int mostConcurrent(String channel) {
        AtomicInteger most = mostActive.get(channel);
        return most == null ? 0 : most.get();
    }
}

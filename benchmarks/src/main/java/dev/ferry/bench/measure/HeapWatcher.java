package dev.ferry.bench.measure;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap use of this JVM. The heap is fullest just before a collection, so the watcher reads the heap
 * pools' usage before every GC from the GC notifications, and also samples the heap between collections
 * (a run may end before the next GC).
 */
public final class HeapWatcher implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools;
    private final AtomicLong peakSinceStart = new AtomicLong();
    private final AtomicLong peakSinceMark = new AtomicLong();
    private final AtomicLong gcCount = new AtomicLong();
    /** The most the heap held right after a collection: what the JVM kept alive, whatever the GC's sizing. */
    private final AtomicLong peakLive = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatcher() {
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        this.sampler = Thread.ofPlatform().daemon().name("heap-sampler").unstarted(this::sample);
    }

    public static HeapWatcher start() {
        HeapWatcher watcher = new HeapWatcher();
        watcher.record(watcher.memory.getHeapMemoryUsage().getUsed());
        watcher.sampler.start();
        return watcher;
    }

    /** Starts a new window for {@link #peakSinceMark()}, e.g. when the measured phase begins. */
    public void mark() {
        peakSinceMark.set(memory.getHeapMemoryUsage().getUsed());
    }

    public long peakSinceStart() {
        record(memory.getHeapMemoryUsage().getUsed());
        return peakSinceStart.get();
    }

    public long peakSinceMark() {
        record(memory.getHeapMemoryUsage().getUsed());
        return peakSinceMark.get();
    }

    /**
     * The largest heap in use right after a garbage collection since the start: the retained data, which the
     * peak before collections overstates by whatever garbage the collector let pile up.
     */
    public long peakLiveAfterGc() {
        return peakLive.get();
    }

    public long maxHeap() {
        return memory.getHeapMemoryUsage().getMax();
    }

    public long collections() {
        return gcCount.get();
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long before = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                before += pool.getValue().getUsed();
            }
        }
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        gcCount.incrementAndGet();
        record(before);
        peakLive.accumulateAndGet(after, Math::max);
    }

    private void sample() {
        while (running) {
            record(memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(long used) {
        peakSinceStart.accumulateAndGet(used, Math::max);
        peakSinceMark.accumulateAndGet(used, Math::max);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}

package dev.ferry.bench.workload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How big one run of a workload is. A pass is bounded by a message count when {@code messages > 0}
 * (the smoke test's tiny runs) and otherwise by time. Travels from the harness to the child JVM as
 * {@code key=value} arguments.
 *
 * @param messages            messages per measured pass; 0 = as many as fit in {@code measure}
 * @param warmupMessages      messages per warm-up pass in count mode
 * @param warmup              warm-up time per run in duration mode
 * @param measure             measured time per run in duration mode
 * @param latencyRate         sends per second of the latency workload
 * @param backlog             messages queued before the backlog drain
 * @param fillBudget          longest the backlog fill may take; it stops early with fewer messages
 * @param completionTimeout   longest the receivers may take after the senders finished
 * @param phase               backlog only: {@code fill} or {@code drain}
 * @param backlogExpected     backlog drain only: how many messages the fill left
 */
public record WorkloadSettings(long messages, long warmupMessages, Duration warmup, Duration measure,
                               int latencyRate, long backlog, Duration fillBudget, Duration completionTimeout,
                               String phase, long backlogExpected) {

    public static final WorkloadSettings FULL = new WorkloadSettings(0, 0, Duration.ofSeconds(1),
            Duration.ofSeconds(4), 500, 1_000_000, Duration.ofSeconds(60), Duration.ofSeconds(120), "", -1);

    public WorkloadSettings {
        if (messages < 0 || warmupMessages < 0 || latencyRate <= 0 || backlog <= 0) {
            throw new IllegalArgumentException("counts and rates must be positive: messages=" + messages
                    + ", warmupMessages=" + warmupMessages + ", latencyRate=" + latencyRate + ", backlog=" + backlog);
        }
        if (warmup.isNegative() || !measure.isPositive() || !fillBudget.isPositive()
                || !completionTimeout.isPositive()) {
            throw new IllegalArgumentException("durations must be positive (warm-up may be 0): warmup=" + warmup
                    + ", measure=" + measure + ", fillBudget=" + fillBudget + ", completionTimeout="
                    + completionTimeout);
        }
    }

    public boolean countMode() {
        return messages > 0;
    }

    public WorkloadSettings withPhase(String newPhase, long expected) {
        return new WorkloadSettings(messages, warmupMessages, warmup, measure, latencyRate, backlog, fillBudget,
                completionTimeout, newPhase, expected);
    }

    /** The budget of a warm-up pass, or {@code null} when there is none. */
    SendBudget warmupBudget() {
        if (countMode()) {
            return warmupMessages > 0 ? SendBudget.count(warmupMessages) : null;
        }
        return warmup.isZero() ? null : SendBudget.duration(warmup);
    }

    SendBudget measureBudget() {
        return countMode() ? SendBudget.count(messages) : SendBudget.duration(measure);
    }

    public Map<String, String> toArguments() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("messages", Long.toString(messages));
        map.put("warmupMessages", Long.toString(warmupMessages));
        map.put("warmupMillis", Long.toString(warmup.toMillis()));
        map.put("measureMillis", Long.toString(measure.toMillis()));
        map.put("latencyRate", Integer.toString(latencyRate));
        map.put("backlog", Long.toString(backlog));
        map.put("fillBudgetMillis", Long.toString(fillBudget.toMillis()));
        map.put("completionTimeoutMillis", Long.toString(completionTimeout.toMillis()));
        map.put("phase", phase);
        map.put("backlogExpected", Long.toString(backlogExpected));
        return map;
    }

    public static WorkloadSettings fromArguments(Map<String, String> map) {
        return new WorkloadSettings(
                number(map, "messages"), number(map, "warmupMessages"),
                Duration.ofMillis(number(map, "warmupMillis")), Duration.ofMillis(number(map, "measureMillis")),
                Math.toIntExact(number(map, "latencyRate")), number(map, "backlog"),
                Duration.ofMillis(number(map, "fillBudgetMillis")),
                Duration.ofMillis(number(map, "completionTimeoutMillis")),
                map.getOrDefault("phase", ""), number(map, "backlogExpected"));
    }

    private static long number(Map<String, String> map, String key) {
        String text = map.get(key);
        if (text == null) {
            throw new IllegalArgumentException("missing workload setting " + key);
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("workload setting " + key + " must be a whole number, got '"
                    + text + "'", e);
        }
    }
}

package dev.ferry.bench.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one run of a workload measured, and the exactly-once verdict of each receiver. */
public final class Outcome {

    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final List<DeliveryLedger.Check> checks = new ArrayList<>();

    public Outcome metric(String name, Object value) {
        metrics.put(name, value);
        return this;
    }

    public Outcome checks(List<DeliveryLedger.Check> more) {
        checks.addAll(more);
        return this;
    }

    public Map<String, Object> metrics() {
        return metrics;
    }

    public List<DeliveryLedger.Check> checks() {
        return checks;
    }

    /** Throws when any receiver missed, repeated or invented a message. */
    public Outcome requireExactlyOnce() {
        List<String> broken = checks.stream().filter(check -> !check.exactlyOnce())
                .map(DeliveryLedger.Check::describe).toList();
        if (checks.isEmpty()) {
            throw new DeliveryCheckFailed("no delivery was checked", this);
        }
        if (!broken.isEmpty()) {
            throw new DeliveryCheckFailed("not exactly once: " + String.join("; ", broken), this);
        }
        return this;
    }
}

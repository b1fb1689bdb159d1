package dev.ferry.bench.child;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ferry.bench.provider.Durability;
import dev.ferry.bench.workload.DeliveryLedger;

import java.util.List;
import java.util.Map;

/**
 * What a child JVM reports for one provider × workload run: one JSON line on its standard output,
 * prefixed with {@link #MARKER}.
 *
 * @param status {@code ok}, {@code unsupported} (the provider refused a feature the workload needs) or
 *               {@code failed} (an error, a timeout, or a message lost or delivered twice)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(String provider, String workload, String phase, String status, String message,
                        long startMillis, Map<String, Object> metrics, List<DeliveryLedger.Check> checks,
                        Durability durability, Map<String, String> description, Jvm jvm) {

    public static final String MARKER = "FERRY-BENCH-RESULT ";
    public static final String OK = "ok";
    public static final String UNSUPPORTED = "unsupported";
    public static final String FAILED = "failed";

    public record Jvm(String javaVersion, long maxHeapBytes, long peakHeapBytes, long gcCount, int processors) {
    }

    public boolean ok() {
        return OK.equals(status);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }

    public double metric(String name) {
        Object value = metrics == null ? null : metrics.get(name);
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    /** A result for a child that printed none (crashed, killed, timed out). */
    public static RunResult lost(String provider, String workload, String phase, String why) {
        return new RunResult(provider, workload, phase, FAILED, why, -1, Map.of(), List.of(), null, Map.of(), null);
    }
}

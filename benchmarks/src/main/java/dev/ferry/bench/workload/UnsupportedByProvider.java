package dev.ferry.bench.workload;

/** The provider refused a feature the workload needs (e.g. topic subscriptions): reported, not a crash. */
public final class UnsupportedByProvider extends Exception {

    public UnsupportedByProvider(String feature, Throwable cause) {
        super(feature + " not supported: " + cause, cause);
    }
}

package dev.ferry.bench.workload;

/** A run whose messages did not each arrive exactly once; its numbers are not results. */
public final class DeliveryCheckFailed extends RuntimeException {

    private final transient Outcome outcome;

    public DeliveryCheckFailed(String message, Outcome outcome) {
        super(message);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}

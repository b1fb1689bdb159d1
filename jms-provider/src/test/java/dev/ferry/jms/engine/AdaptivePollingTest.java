package dev.ferry.jms.engine;

import dev.ferry.store.MessageStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptivePollingTest {

    private final AtomicBoolean hearsOtherNodes = new AtomicBoolean();

    /** A store whose only answer is whether it hears other nodes; the polling asks nothing else. */
    private MessageStore store() {
        return (MessageStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MessageStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("hearsOtherNodes")) {
                        return hearsOtherNodes.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void rightAfterActivityConsumersLookAgainAfterTheMinimumInterval() {
        AdaptivePolling polling = new AdaptivePolling(store(), 20, 1_000);
        polling.activity();
        assertThat(polling.intervalMillis()).isEqualTo(20);
    }

    @Test
    void theWaitGrowsWithIdlenessUpToThePollInterval() {
        AdaptivePolling polling = new AdaptivePolling(store(), 20, 1_000);
        assertThat(polling.intervalAfterIdle(0)).isEqualTo(20);
        assertThat(polling.intervalAfterIdle(400)).isEqualTo(100);
        assertThat(polling.intervalAfterIdle(2_000)).isEqualTo(500);
        assertThat(polling.intervalAfterIdle(60_000)).isEqualTo(1_000);
    }

    @Test
    void aStoreThatHearsOtherNodesIsPolledOnlyAtThePollInterval() {
        AdaptivePolling polling = new AdaptivePolling(store(), 20, 1_000);
        polling.activity();
        hearsOtherNodes.set(true);
        assertThat(polling.intervalMillis()).isEqualTo(1_000);
    }

    @Test
    void aMinimumAboveThePollIntervalIsCappedByIt() {
        AdaptivePolling polling = new AdaptivePolling(store(), 5_000, 1_000);
        polling.activity();
        assertThat(polling.intervalMillis()).isEqualTo(1_000);
    }
}

package dev.ferry.bench.harness;

import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.Workload;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void defaultRunIsThreeRoundsOfEveryProviderAndWorkloadWithAMillionMessageBacklog() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.providers()).containsExactlyElementsOf(Provider.all());
        assertThat(options.workloads()).containsExactlyElementsOf(Workload.all());
        assertThat(options.settings().backlog()).isEqualTo(1_000_000);
        assertThat(options.settings().countMode()).isFalse();
        assertThat(options.timeBudget()).isLessThan(Duration.ofMinutes(15));
    }

    @Test
    void quickRunIsOneRoundOfShortPasses() {
        BenchmarkOptions options = BenchmarkOptions.parse("--quick");

        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.settings().measure()).isLessThan(BenchmarkOptions.parse().settings().measure());
        assertThat(options.settings().backlog()).isEqualTo(20_000);
    }

    @Test
    void providersAndWorkloadsAreChosenByName() {
        BenchmarkOptions options = BenchmarkOptions.parse("--providers", "artemis,ferry-pg", "--workloads", "latency",
                "--rounds", "5", "--messages", "1000");

        assertThat(options.providers()).containsExactly(Provider.ARTEMIS, Provider.FERRY_PG);
        assertThat(options.workloads()).containsExactly(Workload.LATENCY);
        assertThat(options.rounds()).isEqualTo(5);
        assertThat(options.settings().messages()).isEqualTo(1000);
    }

    @Test
    void unknownProviderIsRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--providers", "rabbitmq"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rabbitmq").hasMessageContaining("ferry-h2");
    }

    @Test
    void optionWithoutItsValueIsRejected() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rounds needs a value");
    }

    @Test
    void zeroRoundsAreRejected() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }

    @Test
    void unknownOptionIsRejectedWithTheUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast")
                .hasMessageContaining("Usage");
    }

    @Test
    void ferrySettingsAreCollectedForTheFerryBrokers() {
        BenchmarkOptions options = BenchmarkOptions.parse("--ferry", "ferry.consumer.prefetch=100",
                "--ferry", "ferry.claim.flush=true");

        assertThat(options.ferrySettings()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("ferry.consumer.prefetch", "100", "ferry.claim.flush", "true"));
        assertThat(BenchmarkOptions.parse().ferrySettings()).isEmpty();
    }

    @Test
    void ferrySettingMustNameAFerryProperty() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--ferry", "prefetch=100"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ferry.<name>=<value>");
    }
}

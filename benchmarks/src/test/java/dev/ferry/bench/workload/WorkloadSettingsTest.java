package dev.ferry.bench.workload;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadSettingsTest {

    @Test
    void settingsSurviveTheTripToTheChildJvm() {
        WorkloadSettings settings = new WorkloadSettings(200, 50, Duration.ofSeconds(1), Duration.ofSeconds(3), 250,
                5_000, Duration.ofSeconds(20), Duration.ofSeconds(40), "drain", 4_321);

        assertThat(WorkloadSettings.fromArguments(settings.toArguments())).isEqualTo(settings);
    }

    @Test
    void missingSettingIsNamed() {
        Map<String, String> arguments = new java.util.HashMap<>(WorkloadSettings.FULL.toArguments());
        arguments.remove("latencyRate");

        assertThatThrownBy(() -> WorkloadSettings.fromArguments(arguments))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latencyRate");
    }

    @Test
    void nonNumericSettingIsRejectedWithItsValue() {
        Map<String, String> arguments = new java.util.HashMap<>(WorkloadSettings.FULL.toArguments());
        arguments.put("messages", "many");

        assertThatThrownBy(() -> WorkloadSettings.fromArguments(arguments))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'many'");
    }
}

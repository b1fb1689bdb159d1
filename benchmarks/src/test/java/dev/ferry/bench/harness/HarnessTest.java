package dev.ferry.bench.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HarnessTest {

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private Harness harness(String... args) {
        return new Harness(BenchmarkOptions.parse(args), null, dir, dir, progress::add);
    }

    @Test
    void backlogFillKeepsTheAskedBudgetWhenTimeIsAmple() {
        Duration budget = harness("--backlog-fill-budget", "60").fillBudget(Duration.ofMinutes(60), 5);

        assertThat(budget).isEqualTo(Duration.ofSeconds(60));
        assertThat(progress).isEmpty();
    }

    @Test
    void backlogFillShrinksToAFifthOfEachProvidersShareOfTheTimeLeft() {
        Duration budget = harness().fillBudget(Duration.ofMinutes(5), 5);

        assertThat(budget).isEqualTo(Duration.ofSeconds(12));
        assertThat(progress).singleElement().asString().contains("cut to 12 s");
    }

    @Test
    void backlogFillGetsTenSecondsEvenWhenTheBudgetIsSpent() {
        Duration budget = harness().fillBudget(Duration.ofMinutes(-2), 5);

        assertThat(budget).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anotherRoundRunsWhenItAndTheBacklogFitTheTimeBudget() {
        // 14-minute budget: 3 min so far for 1 round, one more is 6 min, five backlogs at least 3.75 min
        assertThat(harness().roomForAnotherRound(Duration.ofMinutes(3), 1, 5)).isTrue();
    }

    @Test
    void roundsStopWhenAnotherWouldOverrunTheTimeBudget() {
        // 6 min for 1 round, one more is 12 min, plus five backlogs at least 3.75 min: past 14 min
        assertThat(harness().roomForAnotherRound(Duration.ofMinutes(6), 1, 5)).isFalse();
    }

    @Test
    void drainTakesWhatTheFillLeftOfItsShare() {
        assertThat(Harness.drainLimit(Duration.ofSeconds(90), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void drainGetsItsMinimumWhenTheShareIsSpent() {
        assertThat(Harness.drainLimit(Duration.ofSeconds(20), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(20));
    }
}

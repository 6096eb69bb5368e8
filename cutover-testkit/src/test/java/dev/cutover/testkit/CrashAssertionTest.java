package dev.cutover.testkit;

import static dev.cutover.testkit.CutoverAssertions.assertSurvivesCrashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashAssertionTest {
  @Test
  void assertSurvivesCrashes_passesOnStepsThatKnowWhetherTheyRan() {
    CrashReport report = assertSurvivesCrashes(Fees.scenario(Fees.CHARGE_FEES));
    assertThat(report.passed()).isTrue();
    assertThat(report.referenceStatus()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.durablePoints()).isGreaterThan(8);
    assertThat(report.explored()).isEqualTo(report.durablePoints());
    assertThat(report.render()).startsWith("plan 'fees' survives crashes: ");
  }

  @Test
  void assertSurvivesCrashes_failsOnAStepThatCannotTellItRan_namingTheCrashPointAndTheRows() {
    assertThatThrownBy(() -> assertSurvivesCrashes(Fees.scenario(Fees.CHARGE_FEES_UNSAFE)))
        .isInstanceOfSatisfying(CutoverAssertionError.class, e -> {
          assertThat(e.subject()).isEqualTo("fees");
          assertThat(e.diff()).isPresent();
        })
        .hasMessageStartingWith("plan 'fees' does not survive crashes: 1 of ")
        .hasMessageContaining("just after the action of 'charge-fees' returned (attempt 1), before its"
            + " outcome was logged:")
        .hasMessageContaining("the database differs from the uninterrupted run's: digest ")
        .hasMessageContaining("fees (account_id=1, amount=1.50): 1 copies -> 2");
  }

  @Test
  void explore_withSchedules_runsEachAndReportsOnlyTheBrokenOnes() {
    CrashScenario scenario = Fees.scenario(Fees.CHARGE_FEES_UNSAFE);
    CrashReport all = scenario.explore();
    int broken = all.failures().get(0).schedule().crashPoints().get(0);
    CrashReport some = scenario.explore(List.of(CrashSchedule.of(0), CrashSchedule.of(broken),
        CrashSchedule.of(0, 0, 0), CrashSchedule.of(10_000)));
    assertThat(some.explored()).isEqualTo(4);
    assertThat(some.failures()).extracting(CrashReport.Failure::schedule)
        .containsExactly(CrashSchedule.of(broken));
  }

  @Test
  void builder_refusesMissingAndRepeatedParts() {
    assertThatThrownBy(() -> CrashScenario.builder().plan(Fees.PLAN).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("actions are required");
    assertThatThrownBy(() -> CrashScenario.builder().plan(Fees.PLAN).plan(Fees.PLAN))
        .isInstanceOf(IllegalStateException.class).hasMessage("plan is already set to 'fees'");
    assertThatThrownBy(() -> CrashScenario.builder().setup(null))
        .isInstanceOf(NullPointerException.class).hasMessage("setup");
    assertThatThrownBy(() -> CrashSchedule.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}

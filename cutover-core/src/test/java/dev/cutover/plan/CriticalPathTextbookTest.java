package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticalPathTextbookTest {
  private static Task step(String id, long hours, String... after) {
    return Task.builder(id).duration(Duration.ofHours(hours)).after(after).build();
  }

  /**
   * A 3h; B 4h after A; C 2h after A; D 5h after B; E 3h after C; F 2h after D and E. By hand: ES
   * A0 B3 C3 D7 E5 F12; LS A0 B3 C7 D7 E9 F12; total float C and E 4h, the rest 0; free float E
   * 4h, the rest 0; duration 14h; critical path A B D F.
   */
  static Plan textbook() {
    return Plan.builder("textbook")
        .task(step("A", 3))
        .task(step("B", 4, "A"))
        .task(step("C", 2, "A"))
        .task(step("D", 5, "B"))
        .task(step("E", 3, "C"))
        .task(step("F", 2, "D", "E"))
        .build();
  }

  private static TaskSchedule expected(
      String id, long es, long ef, long ls, long lf, long tf, long ff) {
    return new TaskSchedule(
        id,
        Duration.ofHours(es),
        Duration.ofHours(ef),
        Duration.ofHours(ls),
        Duration.ofHours(lf),
        Duration.ofHours(tf),
        Duration.ofHours(ff),
        tf == 0);
  }

  @Test
  void analyze_textbookExample_matchesHandComputation() {
    PlanAnalysis a = textbook().analyze();
    assertThat(a.duration()).isEqualTo(Duration.ofHours(14));
    assertThat(a.schedules())
        .containsExactly(
            expected("A", 0, 3, 0, 3, 0, 0),
            expected("B", 3, 7, 3, 7, 0, 0),
            expected("C", 3, 5, 7, 9, 4, 0),
            expected("D", 7, 12, 7, 12, 0, 0),
            expected("E", 5, 8, 9, 12, 4, 4),
            expected("F", 12, 14, 12, 14, 0, 0));
    assertThat(a.criticalPath()).containsExactly("A", "B", "D", "F");
    assertThat(a.criticalPaths(10)).containsExactly(List.of("A", "B", "D", "F"));
    assertThat(a.isCritical("C")).isFalse();
  }

  @Test
  void analyze_sameResultWhateverOrderTasksWereAdded() {
    Plan reversed =
        Plan.builder("textbook")
            .task(step("F", 2, "D", "E"))
            .task(step("E", 3, "C"))
            .task(step("D", 5, "B"))
            .task(step("C", 2, "A"))
            .task(step("B", 4, "A"))
            .task(step("A", 3))
            .build();
    PlanAnalysis a = reversed.analyze();
    PlanAnalysis b = textbook().analyze();
    for (String id : List.of("A", "B", "C", "D", "E", "F")) {
      assertThat(a.schedule(id)).isEqualTo(b.schedule(id));
    }
    assertThat(a.criticalPath()).isEqualTo(b.criticalPath());
  }

  @Test
  void analyze_twoCriticalPaths_listsBoth_andPicksTheRiskiest() {
    Estimate risky = new Estimate(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(9));
    Plan plan =
        Plan.builder("two")
            .task(step("start", 1))
            .task(step("safe", 3, "start"))
            .task(Task.builder("risky").estimate(risky).after("start").build())
            .task(Task.builder("done").kind(TaskKind.MILESTONE).after("safe", "risky").build())
            .build();
    PlanAnalysis a = plan.analyze();
    // risky: (1 + 8 + 9) / 6 = 3h expected, so both branches are critical.
    assertThat(a.duration()).isEqualTo(Duration.ofHours(4));
    assertThat(a.criticalPaths(10))
        .containsExactly(List.of("start", "safe", "done"), List.of("start", "risky", "done"));
    assertThat(a.criticalPath()).containsExactly("start", "risky", "done");
    assertThat(a.criticalPaths(1)).hasSize(1);
  }

  @Test
  void pert_expectedDurationStandardDeviationAndProbability() {
    // Two tasks in a chain: (2 + 4*4 + 12)/6 = 5h, sd 10/6 h; (1 + 4*2 + 3)/6 = 2h, sd 2/6 h.
    Plan plan =
        Plan.builder("pert")
            .task(
                Task.builder("a")
                    .estimate(new Estimate(Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(12)))
                    .build())
            .task(
                Task.builder("b")
                    .after("a")
                    .estimate(new Estimate(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3)))
                    .build())
            .build();
    PlanAnalysis a = plan.analyze();
    assertThat(a.duration()).isEqualTo(Duration.ofHours(7));
    double hour = 3_600_000.0;
    double variance = (100.0 / 36 + 4.0 / 36) * hour * hour;
    assertThat(a.varianceMillis()).isCloseTo(variance, within(1.0));
    // sqrt(104)/6 h = 1.69967317 h = 6118.8234 s
    assertThat(a.standardDeviation()).isEqualTo(Duration.ofMillis(6_118_823));
    assertThat(a.probabilityOfFinishingBy(Duration.ofHours(7))).isCloseTo(0.5, within(1e-12));
    // z = 1.69967317 h / 1.69967317 h = 1: Φ(1) = 0.8413447460685429
    assertThat(a.probabilityOfFinishingBy(Duration.ofMillis(Math.round(7 * hour + Math.sqrt(variance)))))
        .isCloseTo(0.8413447460685429, within(1e-7));
  }

  @Test
  void pert_withoutVariance_probabilityIsZeroOrOne() {
    PlanAnalysis a = textbook().analyze();
    assertThat(a.standardDeviation()).isEqualTo(Duration.ZERO);
    assertThat(a.probabilityOfFinishingBy(Duration.ofHours(14))).isEqualTo(1.0);
    assertThat(a.probabilityOfFinishingBy(Duration.ofHours(14).minusMillis(1))).isEqualTo(0.0);
  }

  @Test
  void buffers_perTaskAndProject() {
    Plan plan =
        Plan.builder("buffered")
            .buffer(Duration.ofMinutes(30))
            .task(Task.builder("a").duration(Duration.ofHours(1)).buffer(Duration.ofMinutes(10)).build())
            .task(Task.builder("b").duration(Duration.ofHours(2)).after("a").buffer(Duration.ofMinutes(20)).build())
            .task(Task.builder("c").duration(Duration.ofMinutes(150)).after("a").build())
            .build();
    PlanAnalysis a = plan.analyze();
    assertThat(a.duration()).isEqualTo(Duration.ofMinutes(210));
    assertThat(a.criticalPath()).containsExactly("a", "c");
    assertThat(a.criticalPathBuffer()).isEqualTo(Duration.ofMinutes(10));
    // buffered: a 70, b 140 -> 210, c 150 -> 220; plus the project buffer 30.
    assertThat(a.bufferedDuration()).isEqualTo(Duration.ofMinutes(250));
  }

  @Test
  void analyze_millionTaskChain_doesNotOverflowTheStack() {
    Plan.Builder b = Plan.builder("chain");
    int n = 1_000_000;
    b.task(Task.builder("t0").duration(Duration.ofSeconds(1)).build());
    for (int i = 1; i < n; i++) {
      b.task(Task.builder("t" + i).duration(Duration.ofSeconds(1)).after("t" + (i - 1)).build());
    }
    PlanAnalysis a = b.build().analyze();
    assertThat(a.duration()).isEqualTo(Duration.ofSeconds(n));
    assertThat(a.criticalPath()).hasSize(n);
    assertThat(a.schedule("t999999").earlyStart()).isEqualTo(Duration.ofSeconds(n - 1));
  }
}

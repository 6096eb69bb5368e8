package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReforecastTest {
  private static Duration h(long hours) {
    return Duration.ofHours(hours);
  }

  /** The textbook plan, with buffers of 1h on B and 30m on D, and a deadline of 14h. */
  static Plan plan() {
    return Plan.builder("textbook")
        .deadline(h(14))
        .buffer(Duration.ofMinutes(45))
        .task(Task.builder("A").duration(h(3)).build())
        .task(Task.builder("B").duration(h(4)).after("A").buffer(h(1)).build())
        .task(Task.builder("C").duration(h(2)).after("A").build())
        .task(Task.builder("D").duration(h(5)).after("B").buffer(Duration.ofMinutes(30)).build())
        .task(Task.builder("E").duration(h(3)).after("C").build())
        .task(Task.builder("F").duration(h(2)).after("D", "E").build())
        .build();
  }

  /**
   * A 0-3, B 3-9 (2h late), C started at 3 and still running at 9. By hand: C finishes at 9, D 9-14,
   * E 9-12, F 14-16; against the 14h deadline D and F have -2h of float (A and B too, but they are
   * finished).
   */
  @Test
  void reforecast_lateTask_movesTheEndAndShowsNegativeFloat() {
    Progress progress =
        Progress.builder()
            .started("A", h(0))
            .finished("A", h(3))
            .started("B", h(3))
            .finished("B", h(9))
            .started("C", h(3))
            .asOf(h(9))
            .build();
    Reforecast r = plan().analyze().reforecast(progress);
    assertThat(r.plannedEnd()).isEqualTo(h(14));
    assertThat(r.projectedEnd()).isEqualTo(h(16));
    assertThat(r.slip()).isEqualTo(h(2));
    assertThat(r.criticalPath()).containsExactly("A", "B", "D", "F");
    assertThat(r.negativeFloat()).extracting(TaskSchedule::taskId).containsExactly("D", "F");
    assertThat(r.schedule("D"))
        .isEqualTo(new TaskSchedule("D", h(9), h(14), h(7), h(12), h(-2), h(0), true));
    assertThat(r.schedule("C").earlyFinish()).isEqualTo(h(9));
    assertThat(r.schedule("E").totalFloat()).isEqualTo(h(0));
    assertThat(r.schedule("E").critical()).isFalse();
    assertThat(r.bufferUsage())
        .containsExactly(
            new BufferUsage(
                "F",
                java.util.List.of("A", "B", "D", "F"),
                Duration.ofMinutes(90),
                h(2)));
    assertThat(r.bufferUsage().get(0).remaining()).isEqualTo(Duration.ofMinutes(-30));
    assertThat(r.bufferUsage().get(0).percentConsumed()).isEqualTo(133);
    assertThat(r.projectBufferConsumed()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void reforecast_withoutDeadline_schedulesBackFromTheProjectedEnd() {
    Plan noDeadline =
        Plan.builder("p")
            .task(Task.builder("A").duration(h(3)).build())
            .task(Task.builder("B").duration(h(4)).after("A").build())
            .build();
    Reforecast r =
        noDeadline.analyze().reforecast(Progress.builder().started("A", h(0)).asOf(h(5)).build());
    // A is still running at 5h, so it finishes no earlier than 5h.
    assertThat(r.projectedEnd()).isEqualTo(h(9));
    assertThat(r.negativeFloat()).isEmpty();
    assertThat(r.deadline()).isEmpty();
    assertThat(r.criticalPath()).containsExactly("A", "B");
  }

  @Test
  void reforecast_earlyFinish_pullsTheEndIn_andFreesBuffer() {
    Progress progress =
        Progress.builder(Instant.parse("2026-11-21T10:00:00Z"))
            .started("A", Instant.parse("2026-11-21T10:00:00Z"))
            .finished("A", Instant.parse("2026-11-21T11:00:00Z"))
            .build();
    Reforecast r = plan().analyze().reforecast(progress, h(20));
    assertThat(r.projectedEnd()).isEqualTo(h(12));
    assertThat(r.slip()).isEqualTo(h(-2));
    assertThat(r.bufferUsage().get(0).consumed()).isZero();
    assertThat(r.projectBufferConsumed()).isZero();
    assertThat(r.schedule("F").totalFloat()).isEqualTo(h(8));
  }

  @Test
  void reforecast_unknownTask_isRefused() {
    Progress progress = Progress.builder().started("X", h(0)).build();
    assertThatThrownBy(() -> plan().analyze().reforecast(progress))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("plan 'textbook' has no task 'X'");
  }

  @Test
  void progress_refusesInconsistentTimes() {
    assertThatThrownBy(() -> Progress.builder().finished("A", h(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("task 'A' cannot finish before its start is recorded");
    assertThatThrownBy(() -> Progress.builder().started("A", h(2)).finished("A", h(1)))
        .hasMessage("task 'A' cannot finish at PT1H, before its start at PT2H");
    assertThatThrownBy(() -> Progress.builder().started("A", h(2)).asOf(h(1)).build())
        .hasMessage("asOf PT1H is before the latest recorded time PT2H");
    assertThatThrownBy(() -> Progress.builder().started("A", Instant.EPOCH))
        .hasMessage("instants need Progress.builder(planStart)");
  }
}

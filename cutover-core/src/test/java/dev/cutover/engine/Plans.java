package dev.cutover.engine;

import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.time.Duration;

/** Plans for engine tests. */
final class Plans {
  private Plans() {}

  static Task step(String id, String... after) {
    return Task.builder(id).duration(Duration.ofMinutes(5)).after(after).build();
  }

  static Task irreversible(String id, String... after) {
    return Task.builder(id).duration(Duration.ofMinutes(5)).after(after).irreversible().build();
  }

  static Task gate(String id, String... after) {
    return Task.builder(id).kind(TaskKind.GATE).duration(Duration.ofMinutes(1)).after(after).build();
  }

  static Task milestone(String id, String... after) {
    return Task.builder(id).kind(TaskKind.MILESTONE).duration(Duration.ZERO).after(after).build();
  }

  /**
   * Twenty tasks: a fan-out of steps, two gates, a milestone and an irreversible step late in the
   * plan, so that gates, parallel branches, restore, inverse and compensation are all exercised.
   */
  static Plan twenty() {
    return Plan.builder("cutover-20")
        .task(step("s01"))
        .task(step("s02", "s01"))
        .task(step("s03", "s01"))
        .task(step("s04", "s01"))
        .task(step("s05", "s02", "s03"))
        .task(step("s06", "s04"))
        .task(gate("g1", "s05", "s06"))
        .task(step("s07", "g1"))
        .task(step("s08", "g1"))
        .task(step("s09", "s07"))
        .task(step("s10", "s08"))
        .task(step("s11", "s09", "s10"))
        .task(milestone("m1", "s11"))
        .task(step("s12", "m1"))
        .task(step("s13", "m1"))
        .task(step("s14", "s12", "s13"))
        .task(gate("g2", "s14"))
        .task(irreversible("s15", "g2"))
        .task(step("s16", "s15"))
        .task(step("s17", "s16"))
        .build();
  }

  /** Binds the twenty-task plan's actions: restore, inverse and a compensated irreversible step. */
  static EngineBuilder bind(EngineBuilder b, World world) {
    for (int i = 1; i <= 17; i++) {
      String id = String.format("s%02d", i);
      if (i == 15) {
        b.action(id, world.compensating(id));
      } else if (i % 3 == 0) {
        b.action(id, world.restorable(id));
      } else {
        b.action(id, world.inverse(id));
      }
    }
    return b;
  }
}

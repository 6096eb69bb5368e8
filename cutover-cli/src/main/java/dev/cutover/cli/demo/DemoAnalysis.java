package dev.cutover.cli.demo;

import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanAnalysis;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskSchedule;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Prints the critical path analysis of the demo's plan as a table. */
final class DemoAnalysis {
  private DemoAnalysis() {}

  static void print(Plan plan, PrintWriter out) {
    PlanAnalysis a = plan.analyze();
    out.println("plan " + plan.id() + " (" + plan.size() + " tasks, digest " + plan.digest().substring(0, 16) + "...)");
    out.println("critical path: " + String.join(" -> ", a.criticalPath()) + " (" + minutes(a.duration()) + ")");
    plan.deadline().ifPresent(d -> out.printf(Locale.ROOT, "deadline %s, probability of finishing by it %.0f%%%n",
        minutes(d), 100 * a.probabilityOfFinishingBy(d)));
    out.printf(Locale.ROOT, "  %-20s %-6s %-14s %5s %5s %5s %5s %6s%n", "TASK", "KIND", "OWNER", "DUR", "ES", "EF", "LS", "FLOAT");
    for (TaskSchedule s : a.schedules()) {
      Task t = plan.task(s.taskId()).orElseThrow();
      out.printf(Locale.ROOT, "  %-20s %-6s %-14s %5s %5s %5s %5s %6s%s%n", s.taskId(), t.kind().fileName(),
          t.owner().orElse("-"), minutes(t.duration()), minutes(s.earlyStart()), minutes(s.earlyFinish()),
          minutes(s.lateStart()), minutes(s.totalFloat()), s.critical() ? "  critical" : "");
    }
    out.println();
    out.flush();
  }

  private static String minutes(Duration d) {
    return d.toMinutes() + "m";
  }
}

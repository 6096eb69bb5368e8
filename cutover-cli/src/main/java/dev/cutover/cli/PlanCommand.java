package dev.cutover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.CutoverException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanAnalysis;
import dev.cutover.plan.PlanFiles;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.PlanValidationException;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskSchedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cutover plan}: commands on plan files. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Analyse plan files.",
    subcommands = {PlanCommand.Analyze.class})
public final class PlanCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public PlanCommand() {}

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /**
   * Loads a plan file.
   *
   * @param file the plan file, JSON or YAML (by its name, as {@link PlanFiles#load} decides)
   * @return the validated plan
   * @throws IllegalArgumentException if the file is missing, a directory, unreadable or not UTF-8
   * @throws PlanValidationException if it is not a valid plan
   */
  static Plan load(Path file) {
    // read here so that a file that cannot be read is a plain message, as in the log commands,
    // rather than PlanFiles' one-problem PlanValidationException
    return PlanFiles.parse(file, FileErrors.readText(file, "plan"));
  }

  /**
   * {@code cutover plan analyze PLAN [--json]}: the critical path, ES/EF/LS/LF and float of every
   * task. Exits 2 with one line per problem if the plan is invalid.
   */
  @Command(
      name = "analyze",
      mixinStandardHelpOptions = true,
      description = "Critical path, early/late start and finish, total and free float per task.")
  static final class Analyze implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "a plan file, JSON or YAML (.yaml, .yml)")
    Path file;

    @Option(names = "--json", description = "print the analysis as one JSON object")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Plan plan;
      try {
        plan = load(file);
      } catch (PlanValidationException e) {
        err.println(
            "cutover: "
                + file
                + ": invalid plan ("
                + e.getProblems().size()
                + (e.getProblems().size() == 1 ? " problem)" : " problems)"));
        for (PlanProblem p : e.getProblems()) {
          err.println(p);
        }
        err.flush();
        return Main.BAD_INPUT;
      } catch (CutoverException e) {
        err.println("cutover: " + file + ": " + e.getMessage());
        err.flush();
        return Main.BAD_INPUT;
      } catch (IllegalArgumentException e) {
        // the file itself could not be read; the message names it
        err.println("cutover: " + e.getMessage());
        err.flush();
        return Main.BAD_INPUT;
      }
      PlanAnalysis analysis = plan.analyze();
      if (json) {
        out.println(json(plan, analysis));
      } else {
        table(plan, analysis, out);
      }
      out.flush();
      return Main.OK;
    }

    private static String json(Plan plan, PlanAnalysis a) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("plan", plan.id());
      root.put("duration", a.duration().toString());
      root.put("critical_path", a.criticalPath());
      List<Object> tasks = new ArrayList<>();
      for (TaskSchedule s : a.schedules()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", s.taskId());
        t.put("es", s.earlyStart().toString());
        t.put("ef", s.earlyFinish().toString());
        t.put("ls", s.lateStart().toString());
        t.put("lf", s.lateFinish().toString());
        t.put("total_float", s.totalFloat().toString());
        t.put("free_float", s.freeFloat().toString());
        t.put("critical", s.critical());
        tasks.add(t);
      }
      root.put("tasks", tasks);
      try {
        return new ObjectMapper().writeValueAsString(root);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a map of strings, lists and booleans always serialises", e);
      }
    }

    private static void table(Plan plan, PlanAnalysis a, PrintWriter out) {
      out.println("plan      " + plan.id());
      out.println("digest    " + plan.digest());
      out.println("tasks     " + plan.size());
      out.println("duration  " + human(a.duration()));
      out.println("critical  " + String.join(" -> ", a.criticalPath()));
      if (!a.standardDeviation().isZero()) {
        out.println("pert      expected " + human(a.duration()) + ", sd " + human(a.standardDeviation()));
      }
      plan.deadline()
          .ifPresent(
              d ->
                  out.println(
                      String.format(
                          Locale.ROOT,
                          "deadline  %s, probability of finishing by it %.1f%%",
                          human(d),
                          100 * a.probabilityOfFinishingBy(d))));
      if (!plan.irreversibleTasks().isEmpty()) {
        out.println("no return " + String.join(", ", plan.irreversibleTasks()));
      }
      out.println();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"TASK", "KIND", "DURATION", "ES", "EF", "LS", "LF", "TOTAL", "FREE", ""});
      for (TaskSchedule s : a.schedules()) {
        Task t = plan.task(s.taskId()).orElseThrow();
        rows.add(
            new String[] {
              s.taskId(),
              t.kind().fileName(),
              human(t.duration()),
              human(s.earlyStart()),
              human(s.earlyFinish()),
              human(s.lateStart()),
              human(s.lateFinish()),
              human(s.totalFloat()),
              human(s.freeFloat()),
              (s.critical() ? "critical" : "") + (t.irreversible() ? " irreversible" : "")
            });
      }
      // columns by display width, not by chars: a CJK id or an emoji takes two columns
      int[] width = new int[rows.get(0).length];
      for (String[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          width[i] = Math.max(width[i], TextWidth.of(r[i]));
        }
      }
      for (String[] r : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
          boolean left = i < 2 || i == r.length - 1;
          line.append(TextWidth.pad(r[i], width[i], left)).append(i < r.length - 1 ? "  " : "");
        }
        out.println(line.toString().stripTrailing());
      }
    }

    /** {@code 1h05m}, {@code 15m}, {@code 0}, {@code 2m30.5s}, {@code -2h}. */
    static String human(Duration d) {
      if (d.isZero()) {
        return "0";
      }
      if (d.isNegative()) {
        return "-" + human(d.negated());
      }
      StringBuilder b = new StringBuilder();
      long hours = d.toHours();
      int minutes = d.toMinutesPart();
      int seconds = d.toSecondsPart();
      int millis = d.toMillisPart();
      if (hours > 0) {
        b.append(hours).append('h');
      }
      if (minutes > 0 || (hours > 0 && (seconds > 0 || millis > 0))) {
        b.append(hours > 0 && minutes < 10 ? "0" : "").append(minutes).append('m');
      }
      if (seconds > 0 || millis > 0) {
        b.append(seconds);
        if (millis > 0) {
          b.append('.').append(String.format(Locale.ROOT, "%03d", millis).replaceAll("0+$", ""));
        }
        b.append('s');
      }
      return b.toString();
    }
  }
}

package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
  private static final Instant T0 = Instant.parse("2026-11-21T22:00:00Z");
  private static final String PLAN =
      """
      id: orders-cutover
      tasks:
        - {id: freeze, owner: ops, duration: PT5M}
        - {id: copy, owner: dba, duration: PT20M, after: [freeze]}
        - {id: go, kind: gate, duration: PT5M, after: [copy]}
        - {id: flip, owner: sre, duration: PT5M, after: [go], irreversible: true}
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path planFile;
  private Path logFile;

  /** A clock the test moves by hand. */
  static final class SetClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private int run(String... args) {
    return new CommandLine(new Main())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @BeforeEach
  void writeAPlanAndTheLogOfItsRun() throws Exception {
    planFile = Files.writeString(dir.resolve("plan.yaml"), PLAN);
    Plan plan = PlanFiles.load(planFile);
    logFile = dir.resolve("run.log");
    SetClock clock = new SetClock();
    try (AuditLog log = AuditLog.open(logFile, clock)) {
      List<Object> tasks = new ArrayList<>();
      for (var t : plan.tasks()) {
        tasks.add(Map.of("id", t.id(), "kind", t.kind().fileName(), "after", t.after(),
            "undo", t.id().equals("freeze") ? "compensate" : "not-needed",
            "irreversible", t.irreversible()));
      }
      Map<String, Object> started = new LinkedHashMap<>();
      started.put("engine", "cutover-engine/1");
      started.put("plan", plan.id());
      started.put("fingerprint", plan.digest());
      started.put("tasks", tasks);
      started.put("definition", plan.canonicalForm());
      log.append(AuditEvent.of("run.started", "engine", started));
      clock.now = T0.plusSeconds(1);
      log.append(AuditEvent.of("task.started", "engine", Map.of("task", "freeze", "attempt", 1)));
      clock.now = T0.plusSeconds(240);
      log.append(AuditEvent.of("task.completed", "engine", Map.of("task", "freeze", "attempt", 1)));
      log.append(AuditEvent.of("task.started", "engine", Map.of("task", "copy", "attempt", 1)));
      clock.now = T0.plusSeconds(31 * 60);
      log.append(AuditEvent.of("task.completed", "engine", Map.of("task", "copy", "attempt", 1)));
      clock.now = T0.plusSeconds(33 * 60);
      log.append(AuditEvent.of("gate.decided", "engine", Map.of("gate", "go", "decision", "NO_GO",
          "reason", "<script>alert(1)</script>", "source", "evaluator", "evidence", Map.of())));
      log.append(AuditEvent.of("rollback.requested", "engine",
          Map.of("source", "gate", "reason", "gate 'go' decided NO_GO")));
      clock.now = T0.plusSeconds(34 * 60);
      log.append(AuditEvent.of("task.undo.started", "engine", Map.of("task", "freeze", "kind", "compensate")));
      clock.now = T0.plusSeconds(35 * 60);
      log.append(AuditEvent.of("task.undo.completed", "engine", Map.of("task", "freeze", "verified", true)));
      log.append(AuditEvent.of("run.finished", "engine", Map.of("status", "ROLLED_BACK", "manual", List.of())));
    }
  }

  @Test
  void report_writesTheHtmlAndExitsZero() throws Exception {
    Path html = dir.resolve("report.html");

    int status = run("report", logFile.toString(), "--html", html.toString());

    assertThat(status).as(err.toString()).isZero();
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).contains("<svg class=\"gantt\"").contains("data-verified=\"true\"")
        .contains("data-task=\"copy\"").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("class=\"rollback-band\"");
    assertThat(out.toString()).contains("wrote " + html + ": plan orders-cutover, 4 tasks, 1 gate, "
        + "1 rollback, 0 incidents").contains("log verified: 10 entries, root ");
    assertThat(err.toString()).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void report_ofATamperedLogIsWrittenAndExitsOne() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(logFile, StandardCharsets.UTF_8));
    lines.set(5, lines.get(5).replace("NO_GO", "GO"));
    Files.write(logFile, lines, StandardCharsets.UTF_8);
    Path html = dir.resolve("report.html");

    int status = run("report", logFile.toString(), "--html", html.toString());

    assertThat(status).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(err.toString()).contains(logFile + ": the log did not verify: entry 5: ");
    assertThat(Files.readString(html, StandardCharsets.UTF_8))
        .contains("data-verified=\"false\"").contains("THE LOG DID NOT VERIFY");
  }

  @Test
  void report_namesAMissingLog() {
    Path missing = dir.resolve("nope.log");
    int status = run("report", missing.toString(), "--html",
        dir.resolve("r.html").toString());
    assertThat(status).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("cutover: " + missing + ": no such log file");
    assertThat(dir.resolve("r.html")).doesNotExist();
  }

  @Test
  void report_refusesThePlanOfAnotherRun() throws Exception {
    Path other = Files.writeString(dir.resolve("other.yaml"), PLAN.replace("PT20M", "PT25M"));
    int status = run("report", logFile.toString(), "--plan", other.toString(), "--html",
        dir.resolve("r.html").toString());
    assertThat(status).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("cutover: " + logFile + ": entry 0: the run was started "
        + "with plan 'orders-cutover' of digest ").contains("give the plan the run used");
  }

  @Test
  void report_namesAnInvalidPlan() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "id: x\ntasks:\n  - {id: a, duration: soon}\n");
    int status = run("report", logFile.toString(), "--plan", bad.toString(), "--html",
        dir.resolve("r.html").toString());
    assertThat(status).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).startsWith("cutover: " + bad + ": invalid plan (1 problem)");
  }

  @Test
  void report_namesAMissingPlanFile() {
    Path missing = dir.resolve("nope.yaml");
    int status = run("report", logFile.toString(), "--plan", missing.toString(), "--html",
        dir.resolve("r.html").toString());
    assertThat(status).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("cutover: plan file " + missing + " does not exist\n");
    assertThat(dir.resolve("r.html")).doesNotExist();
  }

  @Test
  void report_namesAnUnwritableOutput() {
    Path out = dir.resolve("no-such-dir").resolve("r.html");
    int status = run("report", logFile.toString(), "--html", out.toString());
    assertThat(status).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("cutover: " + out + ": cannot write the report");
  }

  @Test
  void report_toADirectory_saysSo_withoutItsTemporaryFile() throws Exception {
    Path out = Files.createDirectory(dir.resolve("r.html"));
    int status = run("report", logFile.toString(), "--html", out.toString());
    assertThat(status).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("cutover: " + out + ": cannot write the report: is a directory\n");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".report-"));
    }
  }

  @Test
  void report_needsTheOutput() {
    assertThat(run("report", logFile.toString())).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("Missing required option").contains("--html");
  }

  @Test
  void report_ofAnEngineRunNeedsOnlyTheLog() throws Exception {
    Plan plan = PlanFiles.parseYaml(PLAN);
    Path engineLog = dir.resolve("engine.log");
    java.util.Set<String> applied = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (AuditLog log = AuditLog.open(engineLog, Clock.systemUTC())) {
      var builder = dev.cutover.engine.Engine.builder().plan(plan).log(log)
          .gate("go", gate -> new dev.cutover.gate.GateResult(gate,
              dev.cutover.gate.GateDecision.GO, "all criteria pass", Instant.now(), Map.of()));
      for (String step : List.of("freeze", "copy", "flip")) {
        dev.cutover.engine.spi.Undo undo = step.equals("flip")
            ? dev.cutover.engine.spi.Undo.impossible("flip the traffic back by hand")
            : dev.cutover.engine.spi.Undo.notNeeded();
        builder.action(step, new dev.cutover.engine.spi.TaskAction() {
          @Override
          public dev.cutover.engine.spi.Undo undo() {
            return undo;
          }

          @Override
          public Map<String, Object> apply(dev.cutover.engine.spi.TaskContext context) {
            applied.add(step);
            return Map.of("step", step);
          }

          @Override
          public boolean isApplied(dev.cutover.engine.spi.TaskContext context) {
            return applied.contains(step);
          }
        });
      }
      assertThat(builder.build().run().status())
          .isEqualTo(dev.cutover.engine.RunStatus.SUCCEEDED);
    }
    Path html = dir.resolve("engine.html");

    int status = run("report", engineLog.toString(), "--html", html.toString());

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("plan orders-cutover, 4 tasks, 1 gate, 0 rollbacks");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    for (String task : List.of("freeze", "copy", "go", "flip")) {
      assertThat(page).contains("data-task=\"" + task + "\"");
    }
  }

  @Test
  void report_withThePlanFileGivesTheSameReport() throws Exception {
    Path fromLog = dir.resolve("a.html");
    Path fromFile = dir.resolve("b.html");

    assertThat(run("report", logFile.toString(), "--html", fromLog.toString())).isZero();
    assertThat(run("report", logFile.toString(), "--plan", planFile.toString(), "--html",
        fromFile.toString())).as(err.toString()).isZero();

    assertThat(Files.readString(fromFile, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(fromLog, StandardCharsets.UTF_8).replace(
            fromLog.toString(), fromFile.toString()));
  }

  @Test
  void report_ofALogWithoutItsPlanAsksForThePlanFile() throws Exception {
    stripTheLoggedPlan();
    Path html = dir.resolve("r.html");

    assertThat(run("report", logFile.toString(), "--html", html.toString()))
        .isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("cutover: " + logFile + ": entry 0: run.started carries no"
        + " plan 'definition'").contains("give the plan file the run used");
    assertThat(html).doesNotExist();

    assertThat(run("report", logFile.toString(), "--plan", planFile.toString(), "--html",
        html.toString())).as(err.toString()).isZero();
    assertThat(html).exists();
  }

  @Test
  void report_refusesALoggedPlanThatIsNotTheRunsFingerprint() throws Exception {
    Plan other = PlanFiles.parseYaml(PLAN.replace("PT20M", "PT25M"));
    rewriteRunStarted(data -> data.put("definition", other.canonicalForm()));

    assertThat(run("report", logFile.toString(), "--html", dir.resolve("r.html").toString()))
        .isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("entry 0: the plan logged in run.started has digest "
        + other.digest() + " but the entry's fingerprint is ");
  }

  /** Rewrites the log as it would have been written without the plan in run.started. */
  private void stripTheLoggedPlan() throws Exception {
    rewriteRunStarted(data -> data.remove("definition"));
  }

  /** Writes the log again, same events and times, with run.started's data edited. */
  private void rewriteRunStarted(java.util.function.Consumer<Map<String, Object>> edit)
      throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    try (AuditLog log = AuditLog.readOnly(logFile)) {
      for (var e : log.entries(0, log.size())) {
        Map<String, Object> data = new LinkedHashMap<>(e.data());
        if (e.seq() == 0) {
          edit.accept(data);
        }
        events.add(AuditEvent.of(e.type(), e.actor(), data));
        times.add(e.time());
      }
    }
    Files.delete(logFile);
    SetClock clock = new SetClock();
    try (AuditLog log = AuditLog.open(logFile, clock)) {
      for (int i = 0; i < events.size(); i++) {
        clock.now = times.get(i);
        log.append(events.get(i));
      }
    }
  }
}

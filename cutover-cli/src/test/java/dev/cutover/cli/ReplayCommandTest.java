package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Hash;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.json.CanonicalJson;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  Path log;
  Plan plan;
  RunResult result;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static TaskAction action(Set<String> world, String id) {
    return new TaskAction() {
      @Override
      public Map<String, Object> apply(TaskContext context) {
        world.add(id);
        return Map.of("rows", 3L);
      }

      @Override
      public boolean isApplied(TaskContext context) {
        return world.contains(id);
      }

      @Override
      public Undo undo() {
        return Undo.inverse(ctx -> Map.of("removed", world.remove(id)));
      }
    };
  }

  @BeforeEach
  void runACutover() {
    log = dir.resolve("run.log");
    Set<String> world = ConcurrentHashMap.newKeySet();
    plan =
        Plan.builder("release-42")
            .task(Task.builder("freeze").duration(Duration.ofMinutes(5)).build())
            .task(Task.builder("migrate").duration(Duration.ofMinutes(20)).after("freeze").build())
            .task(Task.builder("check").kind(TaskKind.GATE).duration(Duration.ofMinutes(5)).after("migrate").build())
            .build();
    try (AuditLog audit = AuditLog.open(log, CLOCK)) {
      result =
          Engine.builder()
              .plan(plan)
              .log(audit)
              .clock(CLOCK)
              .action("freeze", action(world, "freeze"))
              .action("migrate", action(world, "migrate"))
              .gate("check", id -> new GateResult(id, GateDecision.GO, "fine", CLOCK.instant(), Map.of()))
              .build()
              .run();
    }
  }

  @Test
  void replay_printsStatusSizeRootAndStateDigest() {
    Result r = run("replay", log.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("status: SUCCEEDED")
        .contains("plan: release-42")
        .contains("size: " + result.logSize())
        .contains("state: " + result.stateDigest())
        .containsPattern("root: [0-9a-f]{64}");
  }

  @Test
  void replay_ofAnEditedAndRehashedLog_exitsOneWithTheSeq() throws Exception {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    int seq = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"gate.decided\"")) {
        seq = i;
      }
    }
    rewrite(lines, seq, "\"decision\":\"GO\"", "\"decision\":\"NO_GO\"");
    Result r = run("replay", log.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("diverged at seq: " + seq).contains("kind: state-digest");
    assertThat(r.err()).startsWith("cutover: replay of ").contains("diverged at seq " + seq);
  }

  @Test
  void replay_ofALogWithAnEntryStrippedOfItsStateDigest_exitsOneWithTheSeq() throws Exception {
    forge(entries -> entries.get(2).remove("state"));
    Result r = run("replay", log.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("diverged at seq: 2").contains("kind: state-digest");
    assertThat(r.err()).contains("the entry at seq 2 carries no state digest");
  }

  @Test
  @SuppressWarnings("unchecked")
  void replay_ofALogWhosePlanWasEditedAndRehashed_exitsOneNamingTheDigests() throws Exception {
    forge(entries -> {
      Map<String, Object> data = (Map<String, Object>) entries.get(0).get("data");
      Map<String, Object> definition = new LinkedHashMap<>((Map<String, Object>) data.get("definition"));
      List<Object> tasks = new ArrayList<>((List<Object>) definition.get("tasks"));
      Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) tasks.get(0));
      first.put("owner", "mallory");
      tasks.set(0, first);
      definition.put("tasks", tasks);
      Map<String, Object> edited = new LinkedHashMap<>(data);
      edited.put("definition", definition);
      entries.get(0).put("data", edited);
    });
    Result r = run("replay", log.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("at seq 0, the plan logged in run.started has digest ")
        .contains("but the entry's fingerprint is ");
  }

  /** Rewrites the log as an engine that did not log its plan in run.started wrote it. */
  @SuppressWarnings("unchecked")
  private static void withoutLoggedPlan(List<Map<String, Object>> entries) {
    Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) entries.get(0).get("data"));
    data.remove("definition");
    entries.get(0).put("data", data);
  }

  private Path planFile(Plan plan) throws Exception {
    return Files.writeString(dir.resolve(plan.id() + ".json"), CanonicalJson.toString(plan.canonicalForm()));
  }

  @Test
  void replay_ofALogWrittenBeforeThePlanWasLogged_replaysAndSaysThePlanWasNotChecked() throws Exception {
    forge(ReplayCommandTest::withoutLoggedPlan);
    Result r = run("replay", log.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("status: SUCCEEDED")
        .contains("state: " + result.stateDigest())
        .contains("plan check: not done: run.started (seq 0) carries no plan 'definition' (the log"
            + " was written by an engine that did not log its plan), so the plan the run used was"
            + " not checked against the logged digest; give it with --plan PLAN to check it");
    assertThat(r.err()).startsWith("cutover: warning: " + log + ": plan check not done: ");
  }

  @Test
  void replay_ofALogWrittenBeforeThePlanWasLogged_checksThePlanFileGiven() throws Exception {
    forge(ReplayCommandTest::withoutLoggedPlan);
    Result r = run("replay", log.toString(), "--plan", planFile(plan).toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("plan check: plan file " + planFile(plan)
        + " has the logged digest (run.started carries no plan definition)");
    assertThat(r.err()).isEmpty();

    Plan other = Plan.builder("release-43").tasks(plan.tasks()).build();
    r = run("replay", log.toString(), "--plan", planFile(other).toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("cutover: replay of " + log + ": plan file " + planFile(other)
        + " (plan 'release-43') has digest " + other.digest() + " but the run was started with plan"
        + " digest " + plan.digest() + " (run.started, seq 0): either it is not the plan the run"
        + " used, or the log was changed\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void replay_ofALogWrittenBeforeThePlanWasLogged_stillCatchesAnEditedAndRehashedEntry() throws Exception {
    int seq = -1;
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"gate.decided\"")) {
        seq = i;
      }
    }
    int gate = seq;
    forge(entries -> {
      withoutLoggedPlan(entries);
      @SuppressWarnings("unchecked")
      Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) entries.get(gate).get("data"));
      data.put("decision", "NO_GO");
      entries.get(gate).put("data", data);
    });
    Result r = run("replay", log.toString(), "--plan", planFile(plan).toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("diverged at seq: " + gate).contains("kind: state-digest");
  }

  @Test
  void replay_withAPlanFileThatIsNotTheLoggedPlan_exitsOne_andAnInvalidOneTwo() throws Exception {
    Plan other = Plan.builder("release-43").tasks(plan.tasks()).build();
    Result r = run("replay", log.toString(), "--plan", planFile(other).toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("has digest " + other.digest() + " but the run was started with plan"
        + " digest " + plan.digest());
    assertThat(run("replay", log.toString(), "--plan", planFile(plan).toString()).out())
        .contains("plan check: the plan logged in run.started has the logged digest, and so has plan"
            + " file " + planFile(plan));

    Path bad = Files.writeString(dir.resolve("bad.yaml"), "id: p\ntasks:\n  - {id: a, after: [b], duration: PT1M}\n");
    r = run("replay", log.toString(), "--plan", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("cutover: " + bad + ": plan 'p' is invalid (1 problem):\n"
        + "tasks[0].after[0] (line 3, column 21): task 'a' depends on unknown task 'b'");
    r = run("replay", log.toString(), "--plan", dir.resolve("missing.yaml").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("cutover: plan file " + dir.resolve("missing.yaml") + " does not exist\n");
  }

  @Test
  void replay_ofALogWithABrokenChain_exitsOne() throws Exception {
    String text = Files.readString(log).replace("\"rows\":3", "\"rows\":4");
    Files.writeString(log, text);
    Result r = run("replay", log.toString());
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void replay_ofALogNotWrittenByTheEngine_exitsTwo() {
    Path other = dir.resolve("other.log");
    try (AuditLog audit = AuditLog.open(other, CLOCK)) {
      audit.append(AuditEvent.of("ledger.deposit", "svc", Map.of("amount", 5)));
    }
    Result r = run("replay", other.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("was not written by the cutover engine (entry 0 is 'ledger.deposit'");
  }

  @Test
  void replay_ofAMissingFile_exitsTwo() {
    Result r = run("replay", dir.resolve("nope.log").toString());
    assertThat(r.code()).isEqualTo(2);
  }

  /** Edits the parsed entries and re-hashes the whole chain, as a forger would. */
  @SuppressWarnings("unchecked")
  private void forge(java.util.function.Consumer<List<Map<String, Object>>> edit) throws Exception {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      entries.add(new LinkedHashMap<>((Map<String, Object>) CanonicalJson.parse(line)));
    }
    edit.accept(entries);
    List<String> out = new ArrayList<>();
    String prev = null;
    for (Map<String, Object> entry : entries) {
      if (prev != null) {
        entry.put("prev", prev);
      }
      entry.remove("hash");
      ByteArrayOutputStream leaf = new ByteArrayOutputStream();
      leaf.write(0);
      leaf.write(CanonicalJson.toBytes(entry));
      prev = Hash.sha256(leaf.toByteArray()).hex();
      entry.put("hash", prev);
      out.add(CanonicalJson.toString(entry));
    }
    Files.writeString(log, String.join("\n", out) + "\n");
  }

  /** Replaces text in one entry and re-hashes the chain from there, as a forger would. */
  @SuppressWarnings("unchecked")
  private void rewrite(List<String> lines, int seq, String from, String to) throws Exception {
    List<String> out = new ArrayList<>();
    String prev = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = i == seq ? lines.get(i).replace(from, to) : lines.get(i);
      Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) CanonicalJson.parse(line));
      if (i >= seq) {
        if (prev != null) {
          entry.put("prev", prev);
        }
        entry.remove("hash");
        ByteArrayOutputStream leaf = new ByteArrayOutputStream();
        leaf.write(0);
        leaf.write(CanonicalJson.toBytes(entry));
        entry.put("hash", Hash.sha256(leaf.toByteArray()).hex());
      }
      prev = (String) entry.get("hash");
      out.add(CanonicalJson.toString(entry));
    }
    Files.writeString(log, String.join("\n", out) + "\n");
  }
}

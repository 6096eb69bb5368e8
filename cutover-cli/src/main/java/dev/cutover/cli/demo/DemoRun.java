package dev.cutover.cli.demo;

import dev.cutover.audit.AuditLog;
import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.audit.Checkpoint;
import dev.cutover.audit.LogVerification;
import dev.cutover.crypto.NoteSigner;
import dev.cutover.engine.Engine;
import dev.cutover.engine.EngineBuilder;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.json.CanonicalJson;
import dev.cutover.plan.Plan;
import dev.cutover.report.HtmlReport;
import dev.cutover.report.ReportModel;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.engine.ScopedSnapshotProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One invocation of {@code cutover demo}: opens (or creates) everything in the demo directory,
 * runs, resumes or re-checks the cutover with the real engine, then verifies the log, signs a
 * checkpoint over it, renders the report and prints the summary. Not thread-safe; one run at a
 * time per directory.
 */
public final class DemoRun {
  /** The principal that takes and restores the demo's snapshots. */
  private static final String PRINCIPAL = "cutover-demo";
  /** The origin line of the demo's checkpoints. */
  public static final String ORIGIN = "cutover.dev/demo/" + DemoCutover.PLAN_ID;

  private final Path dir;
  private final String failAt;
  private final boolean json;
  private final boolean animated;
  private final Duration pause;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * Describes a run.
   *
   * @param dir the demo directory
   * @param failAt the task to fail, or null
   * @param json whether to end with the JSON summary line
   * @param animated whether to redraw the progress bar in place (standard error is a terminal)
   * @param pause the pause after each chunk of data movement
   * @param clock the clock for the log, the engine and the gate
   * @param random the randomness for generating the demo keys
   */
  public DemoRun(Path dir, String failAt, boolean json, boolean animated, Duration pause, Clock clock,
      SecureRandom random) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.failAt = failAt;
    this.json = json;
    this.animated = animated;
    this.pause = Objects.requireNonNull(pause, "pause");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    if (failAt != null && !DemoCutover.TASKS.contains(failAt)) {
      throw new IllegalArgumentException(unknownTask(failAt));
    }
  }

  /**
   * The message for an unknown {@code --fail-at} task.
   *
   * @param task what was given
   * @return the message, naming the known task ids
   */
  public static String unknownTask(String task) {
    return "--fail-at: unknown task '" + task + "' (known: " + String.join(", ", DemoCutover.TASKS) + ")";
  }

  /**
   * The ids of the demo's tasks, in plan order.
   *
   * @return the ids
   */
  public static List<String> tasks() {
    return DemoCutover.TASKS;
  }

  /**
   * Runs the demo.
   *
   * @param out where the analysis, decisions and summary go
   * @param err where progress goes
   * @return 0 when the run completed or rolled back verified, 1 when it did not or a check failed
   * @throws IOException if the directory cannot be written
   * @throws SQLException if the embedded database refuses
   * @throws IllegalStateException if another process has the directory's database open
   */
  public int run(PrintWriter out, PrintWriter err) throws IOException, SQLException {
    Files.createDirectories(dir);
    // the database first: H2 locks its file while it is open, so a second run on this directory
    // stops here, before it writes keys or opens (and might repair) the log the first run writes
    try (DemoDatabase db = DemoDatabase.open(dir)) {
      return run(db, out, err);
    }
  }

  private int run(DemoDatabase db, PrintWriter out, PrintWriter err) throws IOException {
    Path logFile = dir.resolve("audit.log");
    // created here, before the log is opened, so that a file in the way is named in words (the
    // snapshot store would quote the exception)
    Files.createDirectories(dir.resolve("snapshots"));
    DemoKeys keys = DemoKeys.load(dir.resolve("keys"), random);
    Plan plan = DemoCutover.plan();
    DemoAnalysis.print(plan, out);
    RunResult result;
    AuditLog log = AuditLog.open(logFile, clock);
    boolean logOpen = true;
    try (SnapshotStore store = SnapshotStore.onFileSystem(dir.resolve("snapshots"))
            .clock(clock)
            .authorizer(PrincipalAllowlist.builder().allow(PRINCIPAL).build())
            .retention(Duration.ofDays(30))
            .build()) {
      log.repairReport().ifPresent(r -> out.println("log repaired: " + r.summary()));
      Map<String, Long> before = db.figures();
      out.println("bank now: " + before.get("accounts") + " accounts, total "
          + cents(before.get("total_cents")) + ", " + before.get("transfers") + " transfers");
      out.flush();
      ScopedSnapshotProvider snapshots = ScopedSnapshotProvider.builder()
          .store(store)
          .principal(PRINCIPAL)
          .cutoverId(DemoCutover.PLAN_ID)
          .scope("bank", db.scope("bank", "accounts", "demo_control"))
          .scope("schema-v2", db.scope("schema-v2", "accounts_v2", "transfers_v2"))
          .scope("accounts-v2", db.scope("accounts-v2", "accounts_v2"))
          .scope("transfers-v2", db.scope("transfers-v2", "transfers_v2"))
          .build();
      DemoConsole console = new DemoConsole(out, err, animated, plan.size());
      DemoCutover cutover = new DemoCutover(db, snapshots, clock, failAt, pause,
          p -> console.chunk(p, p.stepId().equals("move-transfers") ? DemoDatabase.TRANSFERS : DemoDatabase.ACCOUNTS));
      EngineBuilder b = Engine.builder()
          .plan(plan)
          .log(log)
          .clock(clock)
          .parallelism(3)
          .pollInterval(Duration.ofMillis(200))
          .actor("cutover-demo")
          .listener(console)
          .gate(DemoCutover.GATE, new DemoGate(db, log, keys, clock, plan.digest(), DemoCutover.GATE.equals(failAt)));
      for (Map.Entry<String, TaskAction> a : cutover.actions().entrySet()) {
        b.action(a.getKey(), a.getValue());
      }
      Engine engine = b.build();
      RunStatus found = engine.result().status();
      out.println(found == RunStatus.NEW
          ? "starting the cutover in " + dir
          : found.terminal()
              ? "the log in " + dir + " holds a finished run (" + found + "): nothing to do"
              : "the log in " + dir + " holds an interrupted run (" + log.size() + " entries): resuming it");
      out.flush();
      try {
        result = engine.run();
      } finally {
        console.finish();
      }
      Map<String, Long> after = db.figures();
      out.println("bank after: " + after.get("accounts") + " accounts, total "
          + cents(after.get("total_cents")) + ", " + after.get("transfers") + " transfers");
      String digest = db.accountsDigest();
      String original = db.originalAccountsDigest();
      Map<String, Long> applied = new LinkedHashMap<>();
      Map<String, Long> measured = db.appliedCounts();
      for (String task : DemoCutover.TASKS) {
        if (!task.equals(DemoCutover.GATE)) {
          applied.put(task, measured.getOrDefault(task, 0L));
        }
      }
      log.close();
      logOpen = false;
      return finish(out, logFile, plan, keys.checkpointSigner(), result, applied, digest, original);
    } finally {
      if (logOpen) {
        log.close();
      }
    }
  }

  private int finish(PrintWriter out, Path logFile, Plan plan, NoteSigner signer, RunResult result,
      Map<String, Long> applied, String digest, String original) throws IOException {
    LogVerification v = AuditLogVerifier.verify(logFile);
    out.println("log verification: " + v.summary());
    boolean ok = v.ok();
    if (ok) {
      Checkpoint cp = new Checkpoint(ORIGIN, v.verifiedEntries(), v.root());
      write(dir.resolve("checkpoint"), cp.sign(List.of(signer)).toString());
      write(dir.resolve("verifier.key"), signer.verifierKey().toString() + "\n");
      LogVerification again = AuditLogVerifier.verify(logFile, cp);
      ok = again.ok();
      out.println("checkpoint: " + dir.resolve("checkpoint") + " signed by " + signer.name()
          + " over " + cp.size() + " entries" + (ok ? ", verified" : ", DID NOT VERIFY: " + again.summary()));
    }
    write(dir.resolve("report.html"), HtmlReport.render(ReportModel.fromLog(logFile, plan)));
    out.println("report: " + dir.resolve("report.html"));
    String status = result.status() == RunStatus.SUCCEEDED ? "COMPLETED" : result.status().name();
    out.println();
    out.println("status     " + status + (result.rollbackReason().isEmpty() ? "" : " (" + result.rollbackReason() + ")"));
    out.println("log        " + result.logSize() + " entries, root " + (v.root() == null ? "-" : v.root().hex()));
    out.println("state      " + result.stateDigest());
    out.println("accounts   digest " + digest + (digest.equals(original) ? " (equal to the original)" : " (changed by the cutover)"));
    out.println("applied    " + applied);
    if (!result.manual().isEmpty()) {
      out.println("manual     " + result.manual());
    }
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", status);
      summary.put("log_size", result.logSize());
      summary.put("root", v.root() == null ? "" : v.root().hex());
      summary.put("state", result.stateDigest());
      summary.put("applied", applied);
      summary.put("accounts_digest", digest);
      summary.put("original_accounts_digest", original);
      out.println(CanonicalJson.toString(summary));
    }
    out.flush();
    boolean terminalOk = result.status() == RunStatus.SUCCEEDED || result.status() == RunStatus.ROLLED_BACK;
    return ok && terminalOk ? 0 : 1;
  }

  private static String cents(long cents) {
    return String.format(java.util.Locale.ROOT, "%d.%02d EUR", cents / 100, cents % 100);
  }

  /** Writes next to the target, then moves it in place, so a reader never sees half a file. */
  private static void write(Path target, String text) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

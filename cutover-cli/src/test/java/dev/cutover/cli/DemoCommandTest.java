package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.json.CanonicalJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code cutover demo} in-process (and once in a child JVM that is killed) and checks its results. */
class DemoCommandTest {
  private static final List<String> STEPS = List.of("baseline", "create-schema-v2", "copy-accounts",
      "move-transfers", "reconcile-accounts", "validate", "switch-over", "smoke-test");

  @TempDir Path dir;

  record Result(int code, String out, String err) {
    @SuppressWarnings("unchecked")
    Map<String, Object> summary() {
      String[] lines = out.strip().split("\n");
      return (Map<String, Object>) CanonicalJson.parse(lines[lines.length - 1]);
    }
  }

  private Result demo(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "demo";
    args[1] = "--dir";
    args[2] = dir.toString();
    args[3] = "--json";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return run(args);
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Every file under {@code root} but the database's, by relative path, with its SHA-256. */
  private static Map<String, String> contents(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String name = root.relativize(p).toString();
        if (Files.isRegularFile(p) && !name.startsWith("db")) {
          files.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
      }
    }
    return files;
  }

  /** Holds the demo's database open from another process until its standard input closes. */
  static final class HoldDatabase {
    public static void main(String[] args) throws Exception {
      try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
        System.out.println(c.isValid(10) ? "holding" : "connection not valid");
        System.out.flush();
        while (System.in.read() != -1) {
          // wait for the test to close our standard input
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> applied(Map<String, Object> summary) {
    return (Map<String, Object>) summary.get("applied");
  }

  private static void assertEveryStepAppliedOnce(Map<String, Object> summary) {
    assertThat(applied(summary)).containsOnlyKeys(STEPS);
    assertThat(applied(summary).values()).allMatch(n -> ((Number) n).longValue() == 1);
  }

  private long query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db/bank").toAbsolutePath(), "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void demo_completes_writesItsFiles_andTheLogVerifiesWithItsCheckpoint() throws Exception {
    Result r = demo("--chunk-pause-ms", "0");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.OK);
    Map<String, Object> s = r.summary();
    assertThat(s).containsEntry("status", "COMPLETED");
    assertEveryStepAppliedOnce(s);
    assertThat(r.out()).contains("critical path: baseline -> create-schema-v2 -> move-transfers -> validate -> go-live");
    assertThat(r.out()).contains("gate go-live: GO").contains("2 of 2 required approvals");
    for (String f : List.of("audit.log", "checkpoint", "verifier.key", "report.html")) {
      assertThat(dir.resolve(f)).isRegularFile();
    }
    try (AuditLog log = AuditLog.readOnly(dir.resolve("audit.log"))) {
      assertThat(s).containsEntry("log_size", log.size()).containsEntry("root", log.root().hex());
    }
    assertThat(query("SELECT COUNT(*) FROM transfers_v2")).isEqualTo(3000);
    assertThat(query("SELECT SUM(balance_cents) FROM accounts_v2")).isEqualTo(query("SELECT SUM(balance_cents) FROM accounts"));

    String key = Files.readString(dir.resolve("verifier.key")).strip();
    StringWriter out = new StringWriter();
    int verify = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "log", "verify",
        dir.resolve("audit.log").toString(), "--checkpoint", dir.resolve("checkpoint").toString(), "--key", key);
    assertThat(verify).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("root matches");
  }

  @Test
  void rerun_afterCompletion_isANoOp() {
    Map<String, Object> first = demo("--chunk-pause-ms", "0").summary();

    Result again = demo("--chunk-pause-ms", "0");

    assertThat(again.code()).isEqualTo(Main.OK);
    assertThat(again.out()).contains("holds a finished run (SUCCEEDED): nothing to do");
    Map<String, Object> s = again.summary();
    assertThat(s.get("log_size")).isEqualTo(first.get("log_size"));
    assertThat(s.get("root")).isEqualTo(first.get("root"));
    assertThat(s.get("state")).isEqualTo(first.get("state"));
    assertEveryStepAppliedOnce(s);
  }

  @Test
  void failAt_endsInAVerifiedRollback_toTheOriginalAccounts() throws Exception {
    Result r = demo("--chunk-pause-ms", "0", "--fail-at", "smoke-test");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.OK);
    Map<String, Object> s = r.summary();
    assertThat(s).containsEntry("status", "ROLLED_BACK");
    assertThat(s.get("accounts_digest")).isEqualTo(s.get("original_accounts_digest"));
    assertThat(r.out()).contains("undone switch-over, verified");
    assertThat(query("SELECT COUNT(*) FROM accounts WHERE status = 'ACTIVE'")).isEqualTo(240);
    assertThat(query("SELECT COUNT(*) FROM demo_control WHERE active_schema = 'v1'")).isEqualTo(1);
    assertThat(query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('ACCOUNTS_V2', 'TRANSFERS_V2')")).isZero();
    assertEveryStepAppliedOnce(s);
  }

  @Test
  void failAt_halfWayThroughADataMovement_rollsBackThePartialCopy() throws Exception {
    Result r = demo("--chunk-pause-ms", "0", "--fail-at", "move-transfers");

    Map<String, Object> s = r.summary();
    assertThat(s).containsEntry("status", "ROLLED_BACK");
    assertThat(r.out()).contains("injected failure at task 'move-transfers' after chunk 15 of 30");
    assertThat(s.get("accounts_digest")).isEqualTo(s.get("original_accounts_digest"));
    assertThat(applied(s)).containsEntry("validate", 0L).containsEntry("switch-over", 0L);
    assertThat(query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'TRANSFERS_V2'")).isZero();
  }

  @Test
  void failAt_theGate_decidesNoGo_andRollsBack() {
    Result r = demo("--chunk-pause-ms", "0", "--fail-at", "go-live");

    assertThat(r.summary()).containsEntry("status", "ROLLED_BACK");
    assertThat(r.out()).contains("gate go-live: NO_GO");
  }

  @Test
  void unknownFailAtTask_exits2_namingTheKnownTasks() {
    Result r = demo("--fail-at", "smoke-tset");

    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("unknown task 'smoke-tset' (known: baseline, create-schema-v2, copy-accounts,"
        + " move-transfers, reconcile-accounts, validate, go-live, switch-over, smoke-test)");
    assertThat(dir.resolve("audit.log")).doesNotExist();
  }

  @Test
  void dirThatIsAFile_exits2_sayingSo_andLeavesTheFileAsItWas() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "keep me\n");

    Result r = run("demo", "--dir", file.toString());

    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: --dir " + file + " is a file, not a directory\n");
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("keep me\n");
  }

  @Test
  void dirThatCannotBeCreated_exits2_namingTheDirectoryAndTheReason() throws Exception {
    // a directory under a regular file cannot be created, whoever runs the test
    Path under = Files.writeString(dir.resolve("plain-file"), "").resolve("demo");

    Result r = run("demo", "--dir", under.toString());

    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: cannot create demo directory " + under + ": not a directory\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void fileInTheWayInsideTheDir_exits2_namingTheFile_beforeTheLogIsWritten() throws Exception {
    for (String name : List.of("db", "keys", "snapshots")) {
      Path demoDir = Files.createDirectory(dir.resolve("file-named-" + name));
      Path inTheWay = Files.writeString(demoDir.resolve(name), "");

      Result r = run("demo", "--dir", demoDir.toString(), "--chunk-pause-ms", "0");

      assertThat(r.code()).as(name).isEqualTo(Main.BAD_INPUT);
      assertThat(r.err()).isEqualTo("cutover: demo directory " + demoDir + ": " + inTheWay + ": file exists\n");
      assertThat(demoDir.resolve("audit.log")).as(name).doesNotExist();
    }
  }

  @Test
  void secondRun_whileAnotherProcessHasTheDatabaseOpen_exits2_namingTheDirectory_andChangesNothing() throws Exception {
    assertThat(demo("--chunk-pause-ms", "0").code()).isEqualTo(Main.OK);
    Map<String, String> before = contents(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HoldDatabase.class.getName(), "jdbc:h2:file:" + dir.resolve("db/bank").toAbsolutePath())
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).as("the other process opened the database").isEqualTo("holding");

      Result r = demo("--chunk-pause-ms", "0");

      assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
      assertThat(r.err()).isEqualTo("cutover: demo directory " + dir + " is in use by another process: its database "
          + dir.resolve("db/bank.mv.db").toAbsolutePath() + " is locked; wait for that process to finish, or use another --dir\n");
      assertThat(r.out()).as("stops before the analysis").isEmpty();
      assertThat(contents(dir)).isEqualTo(before);
    } finally {
      holder.getOutputStream().close();
      if (!holder.waitFor(60, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
  }

  @Test
  void killMinus9_midRun_thenRerun_completesWithEveryEffectAppliedOnce() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "demo", "--dir", dir.toString(), "--chunk-pause-ms", "150")
        .redirectErrorStream(true)
        .start();
    boolean midRun = false;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        // copy-accounts is done and move-transfers (30 chunks, 150 ms apart) has seconds to go
        if (line.contains("completed copy-accounts")) {
          midRun = true;
          break;
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(midRun).as("the child reached the middle of the run").isTrue();
    long sizeAtKill;
    try (AuditLog log = AuditLog.readOnly(dir.resolve("audit.log"))) {
      sizeAtKill = log.size();
      assertThat(log.entries(0, log.size()).stream().map(AuditEntry::type)).doesNotContain("run.finished");
    }

    Result r = demo("--chunk-pause-ms", "0");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.OK);
    assertThat(r.out()).contains("holds an interrupted run");
    Map<String, Object> s = r.summary();
    assertThat(s).containsEntry("status", "COMPLETED");
    assertThat(((Number) s.get("log_size")).longValue()).isGreaterThan(sizeAtKill);
    assertEveryStepAppliedOnce(s);
    assertThat(query("SELECT COUNT(*) FROM transfers_v2")).isEqualTo(3000);
  }
}

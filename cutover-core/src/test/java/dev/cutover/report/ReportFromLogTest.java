package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFromLogTest {
  private static final Plan PLAN = RunScript.billingPlan();

  /** A clock that reads whatever the test last set: each entry gets its scripted time. */
  static final class SetClock extends Clock {
    Instant now = RunScript.T0;

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

  static RunScript run() {
    return new RunScript(PLAN).at(0, 0).started(Map.of("freeze", "compensate"))
        .ran("freeze", 0, 0, 4, 0)
        .ran("snapshot", 4, 1, 22, 0)
        .at(22, 1).event("task.started", "task", "migrate", "attempt", 1L)
        .at(23, 0).event("operator.note", "alice", Map.of("text", "<b>migrating</b>"));
  }

  static void write(AuditLog log, SetClock clock, List<RunEntry> entries) {
    for (RunEntry e : entries) {
      clock.now = e.time();
      log.append(AuditEvent.of(e.type(), e.actor(), e.data()));
    }
  }

  @Test
  void fromLog_readsAVerifiedFile(@TempDir Path dir) {
    Path file = dir.resolve("run.log");
    SetClock clock = new SetClock();
    String root;
    try (AuditLog log = AuditLog.open(file, clock)) {
      write(log, clock, run().entries());
      root = log.root().hex();
    }

    ReportModel m = ReportModel.fromLog(file, PLAN);

    assertThat(m.verification()).isEqualTo(ReportVerification.verified(7, root));
    assertThat(m.task("snapshot").orElseThrow().actualFinish()).contains(RunScript.T0.plusSeconds(22 * 60));
    assertThat(m.task("migrate").orElseThrow().status()).isEqualTo(ReportTask.Status.RUNNING);
    assertThat(m.notes()).extracting(ReportNote::text).containsExactly("<b>migrating</b>");
  }

  @Test
  void fromLog_readsAnOpenLog() {
    SetClock clock = new SetClock();
    AuditLog log = AuditLog.inMemory(clock);
    write(log, clock, run().entries());

    ReportModel m = ReportModel.fromLog(log, PLAN);

    assertThat(m.verification().ok()).isTrue();
    assertThat(m.verification().size()).isEqualTo(7);
    assertThat(m.verification().root()).isEqualTo(log.root().hex());
  }

  @Test
  void fromLog_reportsATamperedFileWithItsFailure(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run.log");
    SetClock clock = new SetClock();
    String rootOfFirstFour;
    try (AuditLog log = AuditLog.open(file, clock)) {
      write(log, clock, run().entries());
      rootOfFirstFour = log.root(4).hex();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    // Someone shortens the snapshot's recorded finish by editing the time of entry 4.
    String tampered = lines.get(4).replace("22:22:00.000Z", "22:15:00.000Z");
    assertThat(tampered).isNotEqualTo(lines.get(4));
    lines.set(4, tampered);
    Files.write(file, lines, StandardCharsets.UTF_8);

    ReportModel m = ReportModel.fromLog(file, PLAN);

    assertThat(m.verification().ok()).isFalse();
    assertThat(m.verification().failedSeq()).hasValue(4);
    assertThat(m.verification().failure()).startsWith("hash mismatch: ");
    assertThat(m.verification().size()).isEqualTo(4);
    assertThat(m.verification().root()).isEqualTo(rootOfFirstFour);
    assertThat(m.task("snapshot").orElseThrow().actualFinish())
        .contains(RunScript.T0.plusSeconds(15 * 60));
    assertThat(HtmlReport.render(m)).contains("THE LOG DID NOT VERIFY").contains("entry 4: hash mismatch");
  }

  @Test
  void fromLog_showsButDoesNotTrustNonsensePastTheFailure(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run.log");
    SetClock clock = new SetClock();
    try (AuditLog log = AuditLog.open(file, clock)) {
      write(log, clock, run().entries());
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    lines.set(5, lines.get(5).replace("\"task\":\"migrate\"", "\"task\":\"nosuch\""));
    Files.write(file, lines, StandardCharsets.UTF_8);

    ReportModel m = ReportModel.fromLog(file, PLAN);

    assertThat(m.verification().failedSeq()).hasValue(5);
    assertThat(m.task("migrate").orElseThrow().status()).isEqualTo(ReportTask.Status.PENDING);
    assertThat(m.notes()).extracting(ReportNote::kind, ReportNote::text).contains(
        org.assertj.core.groups.Tuple.tuple("unverified entry ignored",
            "entry 5 ('task.started') after the verification failure: 'task.started' names task "
                + "'nosuch' which plan 'billing-db-cutover' does not have (known: freeze, snapshot, "
                + "migrate, warm, backfill, go-no-go, flip, live)"));
  }

  @Test
  void fromLog_refusesAFileWithoutARun(@TempDir Path dir) {
    Path file = dir.resolve("other.log");
    SetClock clock = new SetClock();
    try (AuditLog log = AuditLog.open(file, clock)) {
      log.append(AuditEvent.of("host.thing", "app", Map.of("x", "y")));
    }
    assertThatThrownBy(() -> ReportModel.fromLog(file, PLAN))
        .isInstanceOf(UnreportableLogException.class)
        .hasMessage(file + ": no run.started entry among 1 entries: not the log of a cutover run");
  }
}

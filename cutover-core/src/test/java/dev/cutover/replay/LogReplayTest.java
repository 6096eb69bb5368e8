package dev.cutover.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Hash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReplayTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private static List<Ledger.Event> events(int n, long seed) {
    Random r = new Random(seed);
    List<Ledger.Event> out = new java.util.ArrayList<>();
    out.add(new Ledger.Deposit("a", 1_000));
    out.add(new Ledger.Deposit("b", 1_000));
    String[] accounts = {"a", "b", "c"};
    Map<String, Long> b = new LinkedHashMap<>(Map.of("a", 1_000L, "b", 1_000L, "c", 0L));
    while (out.size() < n) {
      String from = accounts[r.nextInt(3)];
      String to = accounts[(java.util.Arrays.asList(accounts).indexOf(from) + 1 + r.nextInt(2)) % 3];
      long amount = b.get(from) == 0 ? 0 : 1 + r.nextInt((int) Math.min(b.get(from), 150));
      out.add(new Ledger.Transfer(from, to, amount));
      b.merge(from, -amount, Long::sum);
      b.merge(to, amount, Long::sum);
    }
    return out;
  }

  private Path record(List<Ledger.Event> events, StateSnapshots snapshots, int every) {
    Path file = dir.resolve("ledger.log");
    try (AuditLog log = AuditLog.open(file, CLOCK)) {
      StateRecorder<Ledger.State, Ledger.Event> recorder =
          StateRecorder.open(log, new Ledger(), Ledger.EVENTS, "ledger-service", snapshots, every);
      for (Ledger.Event e : events) {
        recorder.record(e);
      }
    }
    return file;
  }

  private static ReplayResult<Ledger.State> replay(Path file, StateMachine<Ledger.State, Ledger.Event> machine) {
    try (AuditLog log = AuditLog.readOnly(file)) {
      return LogReplayer.of(machine, Ledger.EVENTS).replay(log);
    }
  }

  @Test
  void replay_reachesTheRecordedDigest() {
    List<Ledger.Event> events = events(200, 1);
    Path file = dir.resolve("ledger.log");
    String digest;
    try (AuditLog log = AuditLog.open(file, CLOCK)) {
      StateRecorder<Ledger.State, Ledger.Event> recorder =
          StateRecorder.open(log, new Ledger(), Ledger.EVENTS, "ledger-service");
      events.forEach(recorder::record);
      digest = recorder.digest();
    }
    ReplayResult<Ledger.State> result = replay(file, new Ledger());
    assertThat(result.consistent()).isTrue();
    assertThat(result.digest()).isEqualTo(digest);
    assertThat(result.eventsApplied()).isEqualTo(201);
    assertThat(result.state().total()).isEqualTo(2_000);
  }

  @Test
  void replay_afterEditingAnyEventAndRehashingTheChain_reportsThatSeq() throws Exception {
    List<Ledger.Event> events = events(40, 2);
    Path original = record(events, null, 0);
    for (long seq = 1; seq <= events.size(); seq++) {
      Path copy = Files.copy(original, dir.resolve("edited-" + seq + ".log"));
      LogTamper.edit(
          copy,
          seq,
          entry -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) entry.get("data"));
            data.put("amount", ((Number) data.get("amount")).longValue() == 0 ? 1L : 0L);
            Map<String, Object> changed = new LinkedHashMap<>(entry);
            changed.put("data", data);
            return changed;
          });
      ReplayResult<Ledger.State> result = replay(copy, new Ledger());
      assertThat(result.divergence()).as("edit at seq %d", seq).isPresent();
      assertThat(result.divergence().get().seq()).as("edit at seq %d", seq).isEqualTo(seq);
      assertThat(result.lastSeq()).isEqualTo(seq - 1);
    }
  }

  @Test
  void replay_catchesABrokenInvariantAtTheEventThatBreaksIt() {
    Path file = dir.resolve("buggy.log");
    Ledger buggy = new Ledger("ledger/v1", 100);
    long firstBad = -1;
    try (AuditLog log = AuditLog.open(file, CLOCK)) {
      // Written by a build that did not check its invariants, as a buggy release might.
      Ledger.State s = buggy.initial();
      log.append(
          AuditEvent.of(LogReplayer.STARTED, "svc", Map.of("fingerprint", "ledger/v1"))
              .withState(Hash.fromHex(StateDigest.of(Ledger.CODEC, s))));
      for (Ledger.Event e : events(60, 3)) {
        s = buggy.apply(s, e);
        long seq =
            log.append(
                    AuditEvent.of(Ledger.EVENTS.type(e), "svc", Ledger.EVENTS.data(e))
                        .withState(Hash.fromHex(StateDigest.of(Ledger.CODEC, s))))
                .seq();
        if (firstBad < 0 && s.total() != s.issued()) {
          firstBad = seq;
        }
      }
    }
    assertThat(firstBad).isPositive();
    ReplayResult<Ledger.State> result = replay(file, buggy);
    Divergence d = result.divergence().orElseThrow();
    assertThat(d.kind()).isEqualTo(Divergence.Kind.INVARIANT);
    assertThat(d.seq()).isEqualTo(firstBad);
    assertThat(d.expected()).isEqualTo("transfers-never-change-the-total");

    // The fixed ledger disagrees with the recorded digests at the same event.
    Divergence fixed = replay(file, new Ledger()).divergence().orElseThrow();
    assertThat(fixed.kind()).isEqualTo(Divergence.Kind.STATE_DIGEST);
    assertThat(fixed.seq()).isEqualTo(firstBad);
  }

  @Test
  void recorder_refusesAnEventThatBreaksAnInvariant() {
    try (AuditLog log = AuditLog.inMemory(CLOCK)) {
      StateRecorder<Ledger.State, Ledger.Event> recorder =
          StateRecorder.open(log, new Ledger("ledger/v1", 100), Ledger.EVENTS, "svc");
      recorder.record(new Ledger.Deposit("a", 500));
      long size = log.size();
      assertThatThrownBy(() -> recorder.record(new Ledger.Transfer("a", "b", 200)))
          .isInstanceOf(InvariantViolationException.class)
          .hasMessage("event 'ledger.transfer' would break invariant 'transfers-never-change-the-total'; it was not recorded");
      assertThat(log.size()).isEqualTo(size);
      assertThat(recorder.state().balances()).containsEntry("a", 500L);
    }
  }

  @Test
  void replay_underAnotherFingerprint_isRefused() {
    Path file = record(events(10, 4), null, 0);
    assertThatThrownBy(() -> replay(file, new Ledger("ledger/v2", Long.MAX_VALUE)))
        .isInstanceOf(DefinitionMismatchException.class)
        .hasMessage(
            "log was written under definition fingerprint 'ledger/v1' but the definition given has"
                + " fingerprint 'ledger/v2': refusing to replay under a different definition");
  }

  @Test
  void replay_startsFromTheLatestSnapshot() {
    StateSnapshots snapshots = StateSnapshots.inDirectory(dir.resolve("snapshots"));
    Path file = record(events(1_000, 5), snapshots, 100);
    ReplayResult<Ledger.State> full = replay(file, new Ledger());
    try (AuditLog log = AuditLog.readOnly(file)) {
      ReplayResult<Ledger.State> fast = LogReplayer.of(new Ledger(), Ledger.EVENTS).withSnapshots(snapshots).replay(log);
      assertThat(fast.startSeq()).isEqualTo(1_000);
      assertThat(fast.eventsApplied()).isZero();
      assertThat(fast.digest()).isEqualTo(full.digest());
      assertThat(fast.notes()).containsExactly("started from the snapshot after seq 1000");
    }
  }

  @Test
  void replay_fromACorruptSnapshot_fallsBackToTheBeginning() throws Exception {
    Path snapDir = dir.resolve("snapshots");
    StateSnapshots snapshots = StateSnapshots.inDirectory(snapDir);
    Path file = record(events(250, 6), snapshots, 100);
    Path latest = snapDir.resolve("200.state");
    byte[] bytes = Files.readAllBytes(latest);
    bytes[bytes.length - 1] ^= 1;
    Files.write(latest, bytes);
    try (AuditLog log = AuditLog.readOnly(file)) {
      ReplayResult<Ledger.State> result =
          LogReplayer.of(new Ledger(), Ledger.EVENTS).withSnapshots(snapshots).replay(log);
      assertThat(result.consistent()).isTrue();
      assertThat(result.startSeq()).isEqualTo(-1);
      assertThat(result.eventsApplied()).isEqualTo(251);
      assertThat(result.notes()).singleElement().asString().startsWith("snapshot after seq 200 is corrupt");
    }
  }

  @Test
  void recorder_resumesAnExistingLog() {
    Path file = record(events(50, 7), null, 0);
    try (AuditLog log = AuditLog.open(file, CLOCK)) {
      StateRecorder<Ledger.State, Ledger.Event> recorder =
          StateRecorder.open(log, new Ledger(), Ledger.EVENTS, "svc");
      assertThat(recorder.state().total()).isEqualTo(2_000);
      recorder.record(new Ledger.Deposit("c", 5));
    }
    assertThat(replay(file, new Ledger()).state().total()).isEqualTo(2_005);
  }
}

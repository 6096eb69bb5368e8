package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.crypto.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any change to a log file is found, at the right seq; a torn tail is told apart and repaired. */
class TamperTest {
  @TempDir Path dir;
  Path file;
  byte[] original;
  int[] lineStarts;

  @BeforeEach
  void writeSmallLog() throws Exception {
    file = dir.resolve("audit.log");
    try (AuditLog log = AuditLog.open(file, AuditLogTest.CLOCK)) {
      log.append(AuditEvent.of("cutover.started", "alice", Map.of("plan", "p1")));
      log.append(AuditEvent.of("task.started", "engine", Map.of("task", "copy-rows", "rows", 120)));
      log.append(AuditEvent.of("task.completed", "engine", Map.of("task", "copy-rows", "note", "caf\u00e9 \u20ac", "ok", true)));
      log.append(AuditEvent.of("gate.decided", "bob", Map.of("gate", "go", "votes", List.of("a", "b"))).withState(Hash.sha256(new byte[1])));
      log.append(AuditEvent.of("cutover.finished", "engine", Map.of("nothing", java.util.Collections.singletonMap("x", null))));
    }
    original = Files.readAllBytes(file);
    lineStarts = new int[6];
    int line = 1;
    for (int i = 0; i < original.length; i++) {
      if (original[i] == '\n') {
        lineStarts[line++] = i + 1;
      }
    }
    assertThat(line).isEqualTo(6);
    assertThat(AuditLogVerifier.verify(file).ok()).isTrue();
  }

  @Test
  void changingAnyByteOfAnyLine_failsVerificationAtThatSeq() throws Exception {
    for (int seq = 0; seq < 5; seq++) {
      for (int i = lineStarts[seq]; i < lineStarts[seq + 1]; i++) {
        byte[] changed = original.clone();
        changed[i] ^= (i % 7 == 0) ? 0x20 : 0x01;
        Files.write(file, changed);
        LogVerification v = AuditLogVerifier.verify(file);
        assertThat(v.ok()).as("byte %d of line %d", i, seq + 1).isFalse();
        assertThat(v.failure().seq()).as("byte %d of line %d: %s", i, seq + 1, v.summary()).isEqualTo(seq);
        assertThat(v.failure().reason().isTampering()).as("byte %d of line %d: %s", i, seq + 1, v.summary()).isTrue();
        assertThat(v.verifiedEntries()).isEqualTo(seq);
        int s = seq;
        assertThatThrownBy(() -> AuditLog.open(file, AuditLogTest.CLOCK).close())
            .isInstanceOf(LogVerificationException.class)
            .satisfies(e -> assertThat(((LogVerificationException) e).failure().seq()).isEqualTo(s));
        assertThat(Files.readAllBytes(file)).as("a refused open changes nothing").isEqualTo(changed);
      }
    }
  }

  @Test
  void removingOrSwappingLines_isAChainFailure() throws Exception {
    byte[] withoutLine2 = concat(slice(0, 2), slice(3, 5));
    Files.write(file, withoutLine2);
    LogVerification v = AuditLogVerifier.verify(file);
    assertThat(v.failure().seq()).isEqualTo(2);
    assertThat(v.failure().reason()).isEqualTo(LogVerification.Reason.SEQ_GAP);
    assertThat(v.summary()).contains("entry seq 2 (line 3, byte " + lineStarts[2] + "): seq gap: line 3 has seq 3, expected 2");
  }

  @Test
  void cuttingTheLastLineInTheMiddle_isATornTail_thatOpenRepairs() throws Exception {
    for (int cut = lineStarts[4] + 1; cut < lineStarts[5]; cut += 7) {
      Files.write(file, Arrays.copyOf(original, cut));
      LogVerification v = AuditLogVerifier.verify(file);
      assertThat(v.failure().reason()).as("cut at %d", cut).isEqualTo(LogVerification.Reason.TORN_TAIL);
      assertThat(v.failure().seq()).isEqualTo(4);
      assertThat(v.verifiedEntries()).isEqualTo(4);
      assertThat(v.failure().reason().isTampering()).isFalse();
      assertThatThrownBy(() -> AuditLog.readOnly(file)).isInstanceOf(LogVerificationException.class);

      try (AuditLog log = AuditLog.open(file, AuditLogTest.CLOCK)) {
        RepairReport r = log.repairReport().orElseThrow();
        assertThat(r.keptEntries()).isEqualTo(4);
        assertThat(r.cutAtOffset()).isEqualTo(lineStarts[4]);
        assertThat(r.cutBytes()).isEqualTo(cut - lineStarts[4]);
        assertThat(log.size()).isEqualTo(4);
      }
      assertThat(AuditLogVerifier.verify(file).ok()).isTrue();
      assertThat(Files.readAllBytes(file)).isEqualTo(Arrays.copyOf(original, lineStarts[4]));
    }
  }

  @Test
  void zeroBytesAfterTheLastLine_areATornTail_thatOpenRepairs() throws Exception {
    for (int zeros : new int[] {1, 7, 4096}) {
      Files.write(file, concat(original, new byte[zeros]));
      LogVerification v = AuditLogVerifier.verify(file);
      assertThat(v.failure().reason()).as("%d zeros: %s", zeros, v.summary()).isEqualTo(LogVerification.Reason.TORN_TAIL);
      assertThat(v.failure().seq()).isEqualTo(5);
      assertThat(v.failure().offset()).isEqualTo(original.length);
      assertThat(v.verifiedEntries()).isEqualTo(5);
      assertThat(v.failure().message()).contains("the last " + zeros + " bytes are zeros");
      assertThatThrownBy(() -> AuditLog.readOnly(file)).isInstanceOf(LogVerificationException.class);

      try (AuditLog log = AuditLog.open(file, AuditLogTest.CLOCK)) {
        RepairReport r = log.repairReport().orElseThrow();
        assertThat(r.keptEntries()).isEqualTo(5);
        assertThat(r.cutAtOffset()).isEqualTo(original.length);
        assertThat(r.cutBytes()).isEqualTo(zeros);
      }
      assertThat(Files.readAllBytes(file)).isEqualTo(original);
      assertThat(AuditLogVerifier.verify(file).ok()).isTrue();
    }
  }

  @Test
  void aCutLastLineFollowedByZeros_isATornTail_thatOpenRepairs() throws Exception {
    int cut = lineStarts[4] + 40;
    Files.write(file, concat(Arrays.copyOf(original, cut), new byte[512]));
    LogVerification v = AuditLogVerifier.verify(file);
    assertThat(v.failure().reason()).as(v.summary()).isEqualTo(LogVerification.Reason.TORN_TAIL);
    assertThat(v.failure().seq()).isEqualTo(4);
    try (AuditLog log = AuditLog.open(file, AuditLogTest.CLOCK)) {
      assertThat(log.repairReport().orElseThrow().cutBytes()).isEqualTo(40 + 512);
      assertThat(log.size()).isEqualTo(4);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(Arrays.copyOf(original, lineStarts[4]));
  }

  @Test
  void zerosFollowedByMoreData_areTampering_andOpenChangesNothing() throws Exception {
    byte[] zeros = new byte[100];
    byte[][] damaged = {
      // zeros, then a complete line: the zeros are the start of a line that is not an entry
      concat(concat(slice(0, 3), zeros), slice(3, 5)),
      // zeros, then the beginning of an entry without a newline
      concat(concat(slice(0, 5), zeros), Arrays.copyOfRange(original, lineStarts[4], lineStarts[4] + 30)),
      // the beginning of an entry, zeros, then more bytes
      concat(concat(Arrays.copyOf(original, lineStarts[4] + 30), zeros), "x".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
    };
    long[] seqs = {3, 5, 4};
    for (int i = 0; i < damaged.length; i++) {
      Files.write(file, damaged[i]);
      LogVerification v = AuditLogVerifier.verify(file);
      assertThat(v.failure().reason()).as("case %d: %s", i, v.summary()).isEqualTo(LogVerification.Reason.MALFORMED);
      assertThat(v.failure().reason().isTampering()).isTrue();
      assertThat(v.failure().seq()).as("case %d", i).isEqualTo(seqs[i]);
      assertThatThrownBy(() -> AuditLog.open(file, AuditLogTest.CLOCK).close()).isInstanceOf(LogVerificationException.class);
      assertThat(Files.readAllBytes(file)).as("a refused open changes nothing").isEqualTo(damaged[i]);
    }
  }

  @Test
  void checkpoint_verifiesThePrefixItCovers_andNamesAMismatch() throws Exception {
    NoteSigner signer = new NoteSigner("audit-key", Ed25519PrivateKey.fromSeed(new byte[32]));
    String note;
    try (AuditLog log = AuditLog.readOnly(file)) {
      note = log.checkpoint("example.com/log").sign(List.of(signer)).toString();
      Checkpoint cp3 = new Checkpoint("example.com/log", 3, log.root(3));
      assertThat(AuditLogVerifier.verify(file, cp3).ok()).isTrue();
      Checkpoint wrong = new Checkpoint("example.com/log", 3, log.root(2));
      LogVerification v = AuditLogVerifier.verify(file, wrong);
      assertThat(v.failure().reason()).isEqualTo(LogVerification.Reason.CHECKPOINT_MISMATCH);
      assertThat(v.failure().seq()).isEqualTo(2);
      Checkpoint beyond = new Checkpoint("example.com/log", 6, log.root());
      assertThat(AuditLogVerifier.verify(file, beyond).failure().reason()).isEqualTo(LogVerification.Reason.CHECKPOINT_BEYOND_END);
    }
    Checkpoint cp = Checkpoint.verify(note, List.of(signer.verifierKey()));
    assertThat(cp.size()).isEqualTo(5);
    assertThat(note).startsWith("example.com/log\n5\n" + cp.root().base64() + "\n\n\u2014 audit-key ");
    assertThat(AuditLogVerifier.verify(file, cp).ok()).isTrue();
  }

  @Test
  void checkpoint_ofAnotherOrigin_isReportedWhenTheCallerStatesTheOrigin() throws Exception {
    Checkpoint cp;
    try (AuditLog log = AuditLog.readOnly(file)) {
      cp = log.checkpoint("example.com/other-log");
    }
    assertThat(AuditLogVerifier.verify(file, cp).ok()).as("origin not checked unless asked").isTrue();
    assertThat(AuditLogVerifier.verify(file, cp, null).ok()).isTrue();
    assertThat(AuditLogVerifier.verify(file, cp, "example.com/other-log").ok()).isTrue();

    LogVerification v = AuditLogVerifier.verify(file, cp, "example.com/log");
    assertThat(v.failure().reason()).isEqualTo(LogVerification.Reason.CHECKPOINT_ORIGIN_MISMATCH);
    assertThat(v.failure().reason().isTampering()).isTrue();
    assertThat(v.verifiedEntries()).isZero();
    assertThat(v.summary()).isEqualTo(file + ": checkpoint origin mismatch: checkpoint is for log 'example.com/other-log', expected 'example.com/log'");

    assertThatThrownBy(() -> AuditLogVerifier.verify(file, null, "example.com/log"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("example.com/log");
  }

  private byte[] slice(int fromLine, int toLine) {
    return Arrays.copyOfRange(original, lineStarts[fromLine], lineStarts[toLine]);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

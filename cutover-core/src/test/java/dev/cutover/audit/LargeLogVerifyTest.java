package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log large enough (about 8 MiB) that verification runs on worker threads in blocks, with one
 * line longer than a block: failures in any block are reported at the right seq and offset, as
 * they are for a small log.
 */
class LargeLogVerifyTest {
  static final int ENTRIES = 20_000;
  static final int LONG_LINE = 5_000;

  @TempDir static Path dir;
  static Path file;
  static byte[] original;
  static int[] starts;
  static AuditLog reference;

  @BeforeAll
  static void writeLog() throws Exception {
    reference = AuditLog.inMemory(AuditLogTest.CLOCK);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < ENTRIES; i++) {
      Map<String, Object> data = i == LONG_LINE
          ? Map.of("blob", "x".repeat(3 * LineBlocks.BLOCK / 2))
          : Map.of("task", "migrate-accounts", "rows", i, "tables", List.of("accounts", "caf\u00e9"), "ok", true);
      AuditEntry e = reference.append(AuditEvent.of("task.completed", "engine", data));
      out.write(e.canonicalBytes());
      out.write('\n');
    }
    original = out.toByteArray();
    assertThat(original.length).isGreaterThan(4 * LineBlocks.BLOCK);
    starts = new int[ENTRIES + 1];
    int line = 1;
    for (int i = 0; i < original.length; i++) {
      if (original[i] == '\n') {
        starts[line++] = i + 1;
      }
    }
    file = dir.resolve("large.log");
  }

  private LogVerification verify(byte[] content) throws Exception {
    Files.write(file, content);
    return AuditLogVerifier.verify(file);
  }

  @Test
  void intactLog_verifies_withTheRootOfTheLog() throws Exception {
    LogVerification v = verify(original);
    assertThat(v.ok()).as(v.summary()).isTrue();
    assertThat(v.verifiedEntries()).isEqualTo(ENTRIES);
    assertThat(v.root()).isEqualTo(reference.root());
    assertThat(AuditLogVerifier.verify(file, reference.checkpoint("o")).ok()).isTrue();
    Checkpoint middle = new Checkpoint("o", 12_345, reference.root(12_345));
    assertThat(AuditLogVerifier.verify(file, middle).ok()).isTrue();
    LogVerification wrong = AuditLogVerifier.verify(file, new Checkpoint("o", 12_345, reference.root(12_344)));
    assertThat(wrong.failure().reason()).isEqualTo(LogVerification.Reason.CHECKPOINT_MISMATCH);
    assertThat(wrong.failure().seq()).isEqualTo(12_344);
  }

  @Test
  void aChangedByte_inAnyBlock_isReportedAtItsSeqAndOffset() throws Exception {
    for (int seq : new int[] {0, 3_001, LONG_LINE, 15_000, ENTRIES - 1}) {
      byte[] changed = original.clone();
      changed[starts[seq] + 20] ^= 1;
      LogVerification v = verify(changed);
      assertThat(v.failure().seq()).as(v.summary()).isEqualTo(seq);
      assertThat(v.failure().offset()).isEqualTo(starts[seq]);
      assertThat(v.failure().reason().isTampering()).isTrue();
      assertThat(v.verifiedEntries()).isEqualTo(seq);
      assertThat(v.root()).isEqualTo(reference.root(seq));
    }
  }

  @Test
  void aRemovedLine_isASeqGap_andATornOrZeroTail_isTorn() throws Exception {
    byte[] without = concat(Arrays.copyOf(original, starts[9_000]), Arrays.copyOfRange(original, starts[9_001], original.length));
    LogVerification gap = verify(without);
    assertThat(gap.failure().reason()).isEqualTo(LogVerification.Reason.SEQ_GAP);
    assertThat(gap.failure().seq()).isEqualTo(9_000);
    assertThat(gap.failure().offset()).isEqualTo(starts[9_000]);

    LogVerification torn = verify(Arrays.copyOf(original, starts[ENTRIES - 1] + 100));
    assertThat(torn.failure().reason()).isEqualTo(LogVerification.Reason.TORN_TAIL);
    assertThat(torn.failure().seq()).isEqualTo(ENTRIES - 1);
    assertThat(torn.verifiedEntries()).isEqualTo(ENTRIES - 1);

    LogVerification zeros = verify(concat(original, new byte[LineBlocks.BLOCK + 17]));
    assertThat(zeros.failure().reason()).as(zeros.summary()).isEqualTo(LogVerification.Reason.TORN_TAIL);
    assertThat(zeros.failure().offset()).isEqualTo(original.length);
  }

  @Test
  void openingTheLog_checksEveryLine_andRepairsOnlyATornTail() throws Exception {
    Files.write(file, original);
    try (AuditLog log = AuditLog.readOnly(file)) {
      assertThat(log.size()).isEqualTo(ENTRIES);
      assertThat(log.root()).isEqualTo(reference.root());
      assertThat(log.entry(LONG_LINE)).isEqualTo(reference.entry(LONG_LINE));
      assertThat(log.entries(ENTRIES - 3, ENTRIES)).isEqualTo(reference.entries(ENTRIES - 3, ENTRIES));
    }

    byte[] changed = original.clone();
    changed[starts[15_000] + 20] ^= 1;
    Files.write(file, changed);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditLog.open(file, AuditLogTest.CLOCK))
        .isInstanceOfSatisfying(LogVerificationException.class, e -> {
          assertThat(e.failure().seq()).isEqualTo(15_000);
          assertThat(e.failure().offset()).isEqualTo(starts[15_000]);
        });
    assertThat(Files.readAllBytes(file)).isEqualTo(changed);

    Files.write(file, concat(Arrays.copyOf(original, starts[ENTRIES - 1] + 100), new byte[300]));
    try (AuditLog log = AuditLog.open(file, AuditLogTest.CLOCK)) {
      assertThat(log.repairReport().orElseThrow().cutBytes()).isEqualTo(400);
      assertThat(log.size()).isEqualTo(ENTRIES - 1);
      assertThat(log.root()).isEqualTo(reference.root(ENTRIES - 1));
      AuditEntry e = log.append(AuditEvent.of("task.started", "engine", Map.of()));
      assertThat(e.prev()).isEqualTo(reference.leafHash(ENTRIES - 2));
    }
    assertThat(AuditLogVerifier.verify(file).ok()).isTrue();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening and verifying a log file report how far the read has come, up to the whole file. */
class ReadProgressTest {
  @TempDir Path dir;

  private Path log(int entries) {
    Path file = dir.resolve("audit.log");
    try (AuditLog log = AuditLog.open(file, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))) {
      for (int i = 0; i < entries; i++) {
        log.append(AuditEvent.of("step.done", "test", Map.of("i", i, "pad", "x".repeat(200))));
      }
    }
    return file;
  }

  @Test
  void verify_reportsMonotoneProgressEndingAtTheFileSize() throws Exception {
    Path file = log(30_000);
    long size = Files.size(file);
    List<long[]> seen = new ArrayList<>();

    LogVerification v = AuditLogVerifier.verify(file, null, null, (read, total) -> seen.add(new long[] {read, total}));

    assertThat(v.ok()).isTrue();
    assertThat(seen).isNotEmpty();
    assertThat(seen).allSatisfy(p -> assertThat(p[1]).isEqualTo(size));
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)[0]).isGreaterThan(seen.get(i - 1)[0]);
    }
    assertThat(seen.get(seen.size() - 1)[0]).isEqualTo(size);
  }

  @Test
  void readOnly_reportsTheWholeFile_andOpensTheSameLog() throws Exception {
    Path file = log(2_000);
    long[] last = {0};
    try (AuditLog plain = AuditLog.readOnly(file);
        AuditLog watched = AuditLog.readOnly(file, (read, total) -> last[0] = read)) {
      assertThat(watched.size()).isEqualTo(plain.size());
      assertThat(watched.root()).isEqualTo(plain.root());
    }
    assertThat(last[0]).isEqualTo(Files.size(file));
  }
}

package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.json.UnsupportedNumberException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123456Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void append_writesTheV1EntryFormat() {
    try (AuditLog log = AuditLog.inMemory(CLOCK)) {
      AuditEntry e = log.append(AuditEvent.of("task.started", "engine", Map.of("task", "x", "n", 3)));
      assertThat(e.seq()).isZero();
      assertThat(e.prev()).isEqualTo(Hash.ZERO);
      assertThat(e.time()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
      assertThat(e.toJson())
          .isEqualTo("{\"actor\":\"engine\",\"data\":{\"n\":3,\"task\":\"x\"},\"hash\":\"" + e.hash().hex()
              + "\",\"prev\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"seq\":0,"
              + "\"time\":\"2026-11-21T10:15:30.123Z\",\"type\":\"task.started\",\"v\":1}");
      String unhashed = e.toJson().replace(",\"hash\":\"" + e.hash().hex() + "\"", "");
      assertThat(e.hash()).isEqualTo(MerkleProofs.leafHash(unhashed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      AuditEntry f = log.append(AuditEvent.of("task.completed", "engine", Map.of()).withState(e.hash()));
      assertThat(f.prev()).isEqualTo(e.hash());
      assertThat(f.toJson()).contains(",\"seq\":1,\"state\":\"" + e.hash().hex() + "\",\"time\"");
      assertThat(AuditEntry.parse(f.toJson())).isEqualTo(f);
      assertThat(log.root()).isEqualTo(MerkleProofs.nodeHash(e.hash(), f.hash()));
    }
  }

  @Test
  void append_refusesFloatingPointNumbers_andLeavesTheLogUnchanged() {
    try (AuditLog log = AuditLog.inMemory(CLOCK)) {
      log.append(AuditEvent.of("a.b", "t", Map.of()));
      Hash root = log.root();
      assertThatThrownBy(() -> log.append(AuditEvent.of("a.b", "t", Map.of("rows", List.of(Map.of("amount", 12.5))))))
          .isInstanceOf(UnsupportedNumberException.class)
          .hasMessageContaining("$.data.rows[0].amount");
      assertThatThrownBy(() -> AuditEvent.of("a.b", "t", Map.of("big", 1L << 53)))
          .isInstanceOf(UnsupportedNumberException.class)
          .hasMessageContaining("number 9007199254740992 at $.data.big");
      assertThat(log.size()).isEqualTo(1);
      assertThat(log.root()).isEqualTo(root);
    }
  }

  @Test
  void appendsFromManyThreads_getOneTotalOrder_andSurviveReopen() throws Exception {
    Path file = dir.resolve("audit.log");
    ConcurrentLinkedQueue<AuditEntry> returned = new ConcurrentLinkedQueue<>();
    try (AuditLog log = AuditLog.open(file, CLOCK)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          for (int i = 0; i < 200; i++) {
            returned.add(log.append(AuditEvent.of("work.done", "worker-" + id, Map.of("i", i))));
          }
        });
        th.start();
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join();
      }
      assertThat(log.size()).isEqualTo(1600);
    }
    try (AuditLog log = AuditLog.open(file, CLOCK)) {
      assertThat(log.size()).isEqualTo(1600);
      assertThat(log.repairReport()).isEmpty();
      for (AuditEntry e : returned) {
        assertThat(log.entry(e.seq())).isEqualTo(e);
      }
      List<AuditEntry> all = log.entries(0, log.size());
      for (int i = 1; i < all.size(); i++) {
        assertThat(all.get(i).prev()).isEqualTo(all.get(i - 1).hash());
      }
    }
    assertThat(Files.readAllLines(file)).hasSize(1600);
  }

  @Test
  void event_refusesMalformedTypesAndEmptyActors() {
    for (String bad : List.of("", "Task.started", "task.", ".task", "task..started", "1task", "task started", "task.Started")) {
      assertThatThrownBy(() -> AuditEvent.of(bad, "engine", Map.of()))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be dotted lower case");
    }
    for (String good : List.of("a", "task.started", "gate_1.go-live.decided")) {
      assertThat(AuditEvent.of(good, "engine", Map.of()).type()).isEqualTo(good);
    }
    assertThatThrownBy(() -> AuditEvent.of("a.b", "", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("actor of event 'a.b' must not be empty");
  }
}

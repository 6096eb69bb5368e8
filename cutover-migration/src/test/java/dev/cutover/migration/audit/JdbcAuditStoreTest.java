package dev.cutover.migration.audit;

import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Hash;
import dev.cutover.audit.spi.LogConflictException;
import dev.cutover.migration.lease.CutoverLease;
import dev.cutover.migration.lease.LeaseGrant;
import dev.cutover.migration.lease.LeaseLostException;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

class JdbcAuditStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123Z"), ZoneOffset.UTC);

  private static JdbcAuditStore store(FreshDatabase db) {
    return JdbcAuditStore.builder().connections(factory(db)).log("release-42").build();
  }

  @DatabaseTest
  void entries_roundTripExactly_andReopenVerifiesTheChain(FreshDatabase db) {
    List<AuditEntry> written;
    try (AuditLog log = AuditLog.open(store(db), CLOCK)) {
      for (int i = 0; i < 5; i++) {
        log.append(AuditEvent.of("task.started", "ada", Map.of("task", "t" + i, "n", i, "note", "ünï ☃")));
      }
      written = log.entries(0, 5);
    }
    try (AuditLog again = AuditLog.open(store(db), CLOCK)) {
      assertThat(again.size()).isEqualTo(5);
      assertThat(again.entries(0, 5)).isEqualTo(written);
      for (int i = 0; i < 5; i++) {
        assertThat(again.entry(i).canonicalBytes()).isEqualTo(written.get(i).canonicalBytes());
      }
      assertThat(again.lastHash()).isEqualTo(written.get(4).hash());
    }
  }

  @DatabaseTest
  void twoInstances_stayOneChain_theStaleOneIsRefused(FreshDatabase db) {
    AuditLog a = AuditLog.open(store(db), CLOCK);
    AuditLog b = AuditLog.open(store(db), CLOCK);
    a.append(AuditEvent.of("cutover.started", "host-a", Map.of()));
    assertThatThrownBy(() -> b.append(AuditEvent.of("cutover.started", "host-b", Map.of())))
        .isInstanceOfSatisfying(LogConflictException.class, e -> {
          assertThat(e.expectedSeq()).isEqualTo(1);
          assertThat(e.actualSeq()).isZero();
        });
    AuditLog b2 = AuditLog.open(store(db), CLOCK);
    AuditEntry e1 = b2.append(AuditEvent.of("task.started", "host-b", Map.of("task", "x")));
    assertThat(e1.seq()).isEqualTo(1);
    assertThat(e1.prev()).isEqualTo(a.entry(0).hash());
    a.close();
    b.close();
    b2.close();
  }

  @DatabaseTest
  void append_checksTheFencingTokenInTheSameTransaction(FreshDatabase db) throws Exception {
    CutoverLease lease = CutoverLease.builder().connections(factory(db)).name("release-42")
        .owner("host-a").duration(Duration.ofMinutes(5)).build();
    LeaseGrant grant = lease.tryAcquire().orElseThrow();
    JdbcAuditStore fenced = JdbcAuditStore.builder().connections(factory(db)).log("release-42")
        .fence(lease.fence(grant)).build();
    AuditLog log = AuditLog.open(fenced, CLOCK);
    log.append(AuditEvent.of("cutover.started", "host-a", Map.of()));
    lease.release(grant);
    CutoverLease.builder().connections(factory(db)).name("release-42").owner("host-b")
        .duration(Duration.ofMinutes(5)).build().tryAcquire().orElseThrow();
    assertThatThrownBy(() -> log.append(AuditEvent.of("task.started", "host-a", Map.of())))
        .isInstanceOf(LeaseLostException.class);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_audit_entry")).isEqualTo(1);
    assertThat(fenced.size()).isEqualTo(1);
    assertThat(store(db).lastHash()).isNotEqualTo(Hash.ZERO);
  }
}

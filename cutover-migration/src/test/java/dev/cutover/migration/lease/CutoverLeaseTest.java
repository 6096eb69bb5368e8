package dev.cutover.migration.lease;

import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.RunOptions;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutoverLeaseTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

  private CutoverLease lease(FreshDatabase db, String owner) {
    return CutoverLease.builder().connections(factory(db)).name("release-42").owner(owner)
        .duration(Duration.ofSeconds(2)).clock(clock).build();
  }

  @DatabaseTest
  void acquire_isExclusiveUntilExpiry_thenTakeoverIncrementsTheToken(FreshDatabase db) {
    CutoverLease a = lease(db, "host-a");
    CutoverLease b = lease(db, "host-b");
    LeaseGrant ga = a.tryAcquire().orElseThrow();
    assertThat(ga.token()).isEqualTo(1);
    assertThat(b.tryAcquire()).isEmpty();

    clock.advance(Duration.ofMillis(1500));
    LeaseGrant renewed = a.renew(ga);
    assertThat(renewed.expiresAt()).isAfter(ga.expiresAt());
    clock.advance(Duration.ofMillis(1500));
    assertThat(b.tryAcquire()).as("renewed lease still held").isEmpty();

    clock.advance(Duration.ofMillis(600));
    LeaseGrant gb = b.tryAcquire().orElseThrow();
    assertThat(gb.token()).isEqualTo(2);
    assertThat(a.tryAcquire()).isEmpty();
    assertThatThrownBy(() -> a.renew(renewed))
        .isInstanceOfSatisfying(LeaseLostException.class, e -> {
          assertThat(e.token()).isEqualTo(1);
          assertThat(e.currentToken()).isEqualTo(2);
          assertThat(e.currentOwner()).isEqualTo("host-b");
        });
    assertThat(a.current()).contains(gb);
  }

  @DatabaseTest
  void staleToken_isRefusedInsideTheWriteTransaction(FreshDatabase db) throws Exception {
    CutoverLease a = lease(db, "host-a");
    CutoverLease b = lease(db, "host-b");
    LeaseGrant stale = a.tryAcquire().orElseThrow();
    clock.advance(Duration.ofSeconds(3));
    // expired but not yet taken over: already refused
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> a.checkHeld(c, stale)).isInstanceOf(LeaseLostException.class)
          .hasMessageContaining("expired");
      c.rollback();
    }
    LeaseGrant gb = b.tryAcquire().orElseThrow();
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
    SqlStep step = SqlStep.of("V1__late", "CREATE TABLE late_write (id INT)");
    assertThatThrownBy(() -> runner.run(List.of(step),
            RunOptions.builder().fence(a.fence(stale)).build()))
        .isInstanceOfSatisfying(LeaseLostException.class, e -> {
          assertThat(e.token()).isEqualTo(stale.token());
          assertThat(e.currentToken()).isEqualTo(gb.token());
          assertThat(e.getMessage()).contains("'host-a'").contains("fencing token 1")
              .contains("refused");
        });
    assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger")).isZero();
    assertThat(runner.run(List.of(step), RunOptions.builder().fence(b.fence(gb)).build()).applied())
        .isEqualTo(1);
  }

  @DatabaseTest
  void release_letsAnotherOwnerTakeOverAtOnce(FreshDatabase db) {
    CutoverLease a = lease(db, "host-a");
    CutoverLease b = lease(db, "host-b");
    LeaseGrant ga = a.tryAcquire().orElseThrow();
    a.release(ga);
    assertThat(b.tryAcquire()).hasValueSatisfying(g -> assertThat(g.token()).isEqualTo(2));
    a.release(ga); // releasing a lost lease changes nothing
    assertThat(a.tryAcquire()).isEmpty();
  }

  @Test
  void builder_checksItsArguments() {
    assertThatThrownBy(() -> CutoverLease.builder().duration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CutoverLease.builder().name(null))
        .isInstanceOf(NullPointerException.class).hasMessage("name");
    assertThatThrownBy(() -> CutoverLease.builder().owner("a").owner("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CutoverLease.builder().owner("a").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("connections");
  }
}

package dev.cutover.migration.movement;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.StepFailedException;
import dev.cutover.migration.StepOutcome;
import dev.cutover.migration.reconcile.ReconciliationReport;
import dev.cutover.migration.reconcile.Reconciler;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutInPlaceTest {
  private static final int ROWS = 47;
  private static final int CHUNK = 10; // 5 chunks, the last one partial

  /** Creates {@code items} and {@code expected}: the table and what it must become. */
  private static void seed(FreshDatabase db) throws Exception {
    exec(db, "CREATE TABLE items (id BIGINT PRIMARY KEY, v BIGINT NOT NULL, n INT NOT NULL,"
            + " label VARCHAR(40))",
        "CREATE TABLE expected (id BIGINT PRIMARY KEY, v BIGINT NOT NULL, n INT NOT NULL,"
            + " label VARCHAR(40))");
    try (Connection c = db.connect();
        PreparedStatement a = c.prepareStatement("INSERT INTO items VALUES (?, ?, 0, ?)");
        PreparedStatement b = c.prepareStatement("INSERT INTO expected VALUES (?, ?, 1, ?)")) {
      for (int i = 1; i <= ROWS; i++) {
        long id = i * 3L; // gaps in the keys
        a.setLong(1, id);
        a.setLong(2, i);
        a.setString(3, "item-" + i);
        a.addBatch();
        b.setLong(1, id);
        b.setLong(2, 2L * i + 1);
        b.setString(3, "item-" + i);
        b.addBatch();
      }
      a.executeBatch();
      b.executeBatch();
    }
  }

  private static CutInPlace step(ChunkListener listener) {
    CutInPlace.Builder b = CutInPlace.builder().id("double-v").table("items").keyColumn("id")
        .chunkSize(CHUNK).sql("UPDATE items SET v = v * 2 + 1, n = n + 1 WHERE id > ? AND id <= ?");
    if (listener != null) {
      b.listener(listener);
    }
    return b.build();
  }

  private static ReconciliationReport compare(FreshDatabase db) {
    return Reconciler.builder().source(factory(db), "expected").target(factory(db), "items")
        .key("id", "id", "v", "n", "label").build().compare();
  }

  @DatabaseTest
  void apply_transformsEveryRowOnceInChunks(FreshDatabase db) throws Exception {
    seed(db);
    List<ChunkProgress> seen = new ArrayList<>();
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
    StepOutcome o = runner.run(List.of(step(new ChunkListener() {
      @Override
      public void chunkCommitted(ChunkProgress p) {
        seen.add(p);
      }
    }))).outcomes().get(0);
    assertThat(o.transactional()).isFalse();
    assertThat(o.evidence()).containsEntry("rows", (long) ROWS).containsEntry("chunks", 5L);
    assertThat(seen).extracting(ChunkProgress::chunk).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(seen.get(4).totalRows()).isEqualTo(ROWS);
    assertThat(compare(db).matched()).isTrue();
  }

  @DatabaseTest
  void crashAtEveryChunkBoundary_resumesWithNoDuplicateAndNoGap(FreshDatabase db)
      throws Exception {
    for (int k = 1; k <= 5; k++) {
      for (boolean beforeCommit : new boolean[] {true, false}) {
        exec(db, "DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS expected",
            "DROP TABLE IF EXISTS cutover_progress", "DROP TABLE IF EXISTS cutover_ledger");
        seed(db);
        int crashAt = k;
        ChunkListener crash = new ChunkListener() {
          @Override
          public void beforeCommit(ChunkProgress p) {
            if (beforeCommit && p.chunk() == crashAt) {
              throw new IllegalStateException("simulated crash before commit of chunk " + crashAt);
            }
          }

          @Override
          public void chunkCommitted(ChunkProgress p) {
            if (!beforeCommit && p.chunk() == crashAt) {
              throw new IllegalStateException("simulated crash after commit of chunk " + crashAt);
            }
          }
        };
        MigrationRunner first = MigrationRunner.builder().connections(factory(db)).build();
        assertThatThrownBy(() -> first.run(List.of(step(crash))))
            .isInstanceOf(StepFailedException.class).hasMessageContaining("simulated crash");
        long committed = beforeCommit ? k - 1 : k;
        assertThat(queryLong(db, "SELECT COUNT(*) FROM items WHERE n = 1"))
            .as("rows done after a crash at chunk %d (before commit: %s)", k, beforeCommit)
            .isEqualTo(Math.min(ROWS, committed * CHUNK));

        MigrationRunner fresh = MigrationRunner.builder().connections(factory(db)).build();
        StepOutcome o = fresh.run(List.of(step(null))).outcomes().get(0);
        assertThat(o.status()).isEqualTo(StepOutcome.Status.APPLIED);
        assertThat(o.evidence()).containsEntry("rows", (long) ROWS)
            .containsEntry("chunksThisRun", 5L - committed);
        ReconciliationReport r = compare(db);
        assertThat(r.matched()).as("crash at chunk %d, before commit %s: %s", k, beforeCommit,
            r.evidence()).isTrue();
      }
    }
  }

  @DatabaseTest
  void applyingTwiceDirectly_changesNothingTheSecondTime(FreshDatabase db) throws Exception {
    seed(db);
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
    runner.run(List.of(step(null)));
    exec(db, "DELETE FROM cutover_ledger");
    StepOutcome again = runner.run(List.of(step(null))).outcomes().get(0);
    assertThat(again.evidence()).containsEntry("alreadyDone", true);
    assertThat(compare(db).matched()).isTrue();
  }

  @Test
  void builder_checksItsArguments() {
    assertThatThrownBy(() -> CutInPlace.builder().chunkSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CutInPlace.builder().sql("UPDATE t SET a = 1 WHERE id > ?"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two ?");
    assertThatThrownBy(() -> CutInPlace.builder().id("x").table("t").keyColumn("id").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("transform");
    assertThatThrownBy(() -> CutInPlace.builder().table("t;--"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

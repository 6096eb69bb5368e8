package dev.cutover.migration.movement;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.StepFailedException;
import dev.cutover.migration.StepOutcome;
import dev.cutover.migration.reconcile.Reconciler;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

class TrickleSyncTest {
  private final AtomicLong version = new AtomicLong();

  private void seed(FreshDatabase db, int rows) throws Exception {
    exec(db, "CREATE TABLE src (id BIGINT PRIMARY KEY, ver BIGINT NOT NULL, body VARCHAR(100))",
        "CREATE TABLE dst (id BIGINT PRIMARY KEY, ver BIGINT NOT NULL, body VARCHAR(100))");
    try (Connection c = db.connect()) {
      for (int i = 1; i <= rows; i++) {
        upsert(c, i, "row " + i);
      }
    }
  }

  /** A write by the application: every insert or update takes the next version. */
  private void upsert(Connection c, long id, String body) throws Exception {
    try (PreparedStatement d = c.prepareStatement("DELETE FROM src WHERE id = ?");
        PreparedStatement i = c.prepareStatement("INSERT INTO src VALUES (?, ?, ?)")) {
      d.setLong(1, id);
      d.executeUpdate();
      i.setLong(1, id);
      i.setLong(2, version.incrementAndGet());
      i.setString(3, body);
      i.executeUpdate();
    }
  }

  private TrickleSync.Builder sync(FreshDatabase db, WriteFreeze freeze) {
    return TrickleSync.builder().id("sync-src").source(factory(db), "src").targetTable("dst")
        .columns("id", "ver", "body").keyColumn("id").changeColumn("ver").batchSize(7)
        .lagThreshold(3).writeFreeze(freeze);
  }

  private static boolean same(FreshDatabase db) {
    return Reconciler.builder().source(factory(db), "src").target(factory(db), "dst")
        .key("id", "id", "ver", "body").build().compare().matched();
  }

  @DatabaseTest
  void sync_catchesUpWithConcurrentWritesThenFinishesUnderTheFreeze(FreshDatabase db)
      throws Exception {
    seed(db, 40);
    AtomicInteger freezes = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    boolean[] frozen = {false};
    Connection app = db.connect();
    try {
      ChunkListener appWrites = new ChunkListener() {
        @Override
        public void chunkCommitted(ChunkProgress p) {
          if (frozen[0] || writes.get() >= 12) {
            return;
          }
          try {
            // the application keeps writing: an update of a copied row and a new row
            upsert(app, 1 + p.chunk(), "updated during sync " + p.chunk());
            upsert(app, 1000 + p.chunk(), "inserted during sync");
            writes.addAndGet(2);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };
      WriteFreeze freeze = finalSync -> {
        freezes.incrementAndGet();
        frozen[0] = true;
        try {
          finalSync.run();
        } finally {
          frozen[0] = false;
        }
      };
      MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
      StepOutcome o = runner.run(List.of(sync(db, freeze).listener(appWrites).build()))
          .outcomes().get(0);
      assertThat(freezes).hasValue(1);
      assertThat(writes.get()).isGreaterThan(0);
      assertThat(o.evidence()).containsKey("finalSyncRows");
      assertThat(same(db)).isTrue();
      assertThat(queryLong(db, "SELECT COUNT(*) FROM dst"))
          .isEqualTo(queryLong(db, "SELECT COUNT(*) FROM src"));
    } finally {
      app.close();
    }
  }

  @DatabaseTest
  void crashAtEveryBatch_resumesFromTheWatermarkWithNoDuplicateAndNoGap(FreshDatabase db)
      throws Exception {
    for (int k = 1; k <= 4; k++) {
      exec(db, "DROP TABLE IF EXISTS src", "DROP TABLE IF EXISTS dst",
          "DROP TABLE IF EXISTS cutover_progress", "DROP TABLE IF EXISTS cutover_ledger");
      seed(db, 25);
      int crashAt = k;
      WriteFreeze freeze = Runnable::run;
      ChunkListener crash = new ChunkListener() {
        @Override
        public void beforeCommit(ChunkProgress p) {
          if (p.chunk() == crashAt) {
            throw new IllegalStateException("simulated crash in batch " + crashAt);
          }
        }
      };
      MigrationRunner first = MigrationRunner.builder().connections(factory(db)).build();
      assertThatThrownBy(() -> first.run(List.of(sync(db, freeze).listener(crash).build())))
          .isInstanceOf(StepFailedException.class);
      assertThat(queryLong(db, "SELECT COUNT(*) FROM dst")).isEqualTo(Math.min(25, 7L * (k - 1)));
      MigrationRunner fresh = MigrationRunner.builder().connections(factory(db)).build();
      fresh.run(List.of(sync(db, freeze).build()));
      assertThat(same(db)).as("crash in batch %d", k).isTrue();
    }
  }

  @DatabaseTest
  void largeBatches_replaceStaleTargetRowsWithoutDuplicatesAndKeepTargetOnlyRows(FreshDatabase db)
      throws Exception {
    // no primary key on the target, so a row copied twice would show as a duplicate
    exec(db, "CREATE TABLE src (id BIGINT PRIMARY KEY, ver BIGINT NOT NULL, body VARCHAR(100))",
        "CREATE TABLE dst (id BIGINT NOT NULL, ver BIGINT NOT NULL, body VARCHAR(100))");
    try (Connection c = db.connect();
        PreparedStatement src = c.prepareStatement("INSERT INTO src VALUES (?, ?, ?)");
        PreparedStatement dst = c.prepareStatement("INSERT INTO dst VALUES (?, ?, ?)")) {
      for (int i = 1; i <= 3000; i++) {
        src.setLong(1, i);
        src.setLong(2, i);
        src.setString(3, i % 7 == 0 ? null : "row " + i);
        src.addBatch();
      }
      src.executeBatch();
      // stale copies of some source rows, and a row only the target has
      for (long id : new long[] {1, 1500, 1501, 2999, 9000}) {
        dst.setLong(1, id);
        dst.setLong(2, 0);
        dst.setString(3, "stale " + id);
        dst.addBatch();
      }
      dst.executeBatch();
    }
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
    StepOutcome o = runner.run(List.of(TrickleSync.builder().id("big").source(factory(db), "src")
        .targetTable("dst").columns("id", "ver", "body").keyColumn("id").batchSize(1234)
        .writeFreeze(Runnable::run).build())).outcomes().get(0);

    assertThat(o.evidence()).containsEntry("rows", 3000L);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM dst")).isEqualTo(3001);
    assertThat(queryLong(db, "SELECT COUNT(DISTINCT id) FROM dst")).isEqualTo(3001);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM dst WHERE body LIKE 'stale%'")).isEqualTo(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM dst WHERE id = 9000")).isEqualTo(1);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM dst WHERE body IS NULL")).isEqualTo(428);
    assertThat(queryLong(db, "SELECT COUNT(*) FROM dst d JOIN src s ON s.id = d.id"
        + " WHERE s.ver = d.ver AND (s.body = d.body OR (s.body IS NULL AND d.body IS NULL))"))
        .isEqualTo(3000);
  }

  @DatabaseTest
  void freezeThatNeverRunsTheFinalSync_isAnError(FreshDatabase db) throws Exception {
    seed(db, 5);
    MigrationRunner runner = MigrationRunner.builder().connections(factory(db)).build();
    assertThatThrownBy(() -> runner.run(List.of(sync(db, finalSync -> {}).build())))
        .hasMessageContaining("did not run the final sync");
  }
}

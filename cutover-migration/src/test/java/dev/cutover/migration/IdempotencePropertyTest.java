package dev.cutover.migration;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.migration.masking.Mask;
import dev.cutover.migration.masking.MaskingStep;
import dev.cutover.migration.movement.CutInPlace;
import dev.cutover.migration.movement.TrickleSync;
import dev.cutover.migration.testing.DatabaseExtension;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import dev.cutover.migration.validation.Checkpoints;
import dev.cutover.migration.validation.ContentDigest;
import dev.cutover.migration.validation.TableDigest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/** Applying any built-in step twice leaves the database exactly as applying it once. */
class IdempotencePropertyTest {
  /** The built-in step kinds. */
  enum Kind { SQL, JAVA, CUT_IN_PLACE, TRICKLE_SYNC, MASKING, CHECKPOINT }

  record Row(long id, long v, String s) {}

  @Provide
  Arbitrary<List<Row>> rows() {
    Arbitrary<Map<Long, Row>> byId = Combinators.combine(
            Arbitraries.longs().between(1, 100_000),
            Arbitraries.longs().between(-1_000_000, 1_000_000),
            Arbitraries.strings().withCharRange(' ', '~').withChars("äé☃").ofMaxLength(12)
                .injectNull(0.1))
        .as(Row::new)
        .list().ofMaxSize(60)
        .map(l -> {
          Map<Long, Row> m = new TreeMap<>();
          l.forEach(r -> m.putIfAbsent(r.id(), r));
          return m;
        });
    return byId.map(m -> List.copyOf(m.values()));
  }

  @Property(tries = 30)
  void applyingTwice_equalsApplyingOnce_onH2(
      @ForAll("rows") List<Row> rows, @ForAll Kind kind) throws Exception {
    try (FreshDatabase once = DatabaseExtension.open(TestDatabase.H2);
        FreshDatabase twice = DatabaseExtension.open(TestDatabase.H2)) {
      check(once, twice, kind, rows);
    }
  }

  @DatabaseTest({TestDatabase.POSTGRESQL, TestDatabase.MARIADB})
  void applyingTwice_equalsApplyingOnce_onServers(TestDatabase kind) throws Exception {
    Random random = new Random(20261121L);
    List<Row> rows = new ArrayList<>();
    long id = 0;
    for (int i = 0; i < 40; i++) {
      id += 1 + random.nextInt(5);
      rows.add(new Row(id, random.nextInt(), i % 7 == 0 ? null : "s" + random.nextInt(1000)));
    }
    try (FreshDatabase once = DatabaseExtension.open(kind);
        FreshDatabase twice = DatabaseExtension.open(kind)) {
      for (Kind k : Kind.values()) {
        for (FreshDatabase db : List.of(once, twice)) {
          exec(db, "DROP TABLE IF EXISTS data", "DROP TABLE IF EXISTS copy",
              "DROP TABLE IF EXISTS cutover_ledger", "DROP TABLE IF EXISTS cutover_progress");
        }
        check(once, twice, k, rows);
      }
    }
  }

  static void check(FreshDatabase once, FreshDatabase twice, Kind kind, List<Row> rows)
      throws Exception {
    seed(once, rows);
    seed(twice, rows);
    run(once, kind);
    run(twice, kind);
    if (kind != Kind.SQL && kind != Kind.JAVA) {
      // without the ledger the step's own idempotence has to hold
      exec(twice, "DELETE FROM cutover_ledger");
    }
    run(twice, kind);
    assertThat(digests(twice)).as("%s applied twice vs once", kind).isEqualTo(digests(once));
  }

  private static void seed(FreshDatabase db, List<Row> rows) throws Exception {
    exec(db, "CREATE TABLE data (id BIGINT PRIMARY KEY, v BIGINT NOT NULL, s VARCHAR(40))",
        "CREATE TABLE copy (id BIGINT PRIMARY KEY, v BIGINT NOT NULL, s VARCHAR(40))");
    try (Connection c = db.connect();
        PreparedStatement p = c.prepareStatement("INSERT INTO data VALUES (?, ?, ?)")) {
      for (Row r : rows) {
        p.setLong(1, r.id());
        p.setLong(2, r.v());
        if (r.s() == null) {
          p.setNull(3, Types.VARCHAR);
        } else {
          p.setString(3, r.s());
        }
        p.addBatch();
      }
      if (!rows.isEmpty()) {
        p.executeBatch();
      }
    }
  }

  private static void run(FreshDatabase db, Kind kind) {
    MigrationRunner.builder().connections(factory(db)).build().run(List.of(step(db, kind)));
  }

  private static MigrationStep step(FreshDatabase db, Kind kind) {
    switch (kind) {
      case SQL:
        return SqlStep.of("sql", "UPDATE data SET v = v + 1; INSERT INTO copy SELECT * FROM data WHERE v > 0");
      case JAVA:
        return JavaStep.builder().id("java").version("1")
            .apply(ctx -> {
              exec(ctx.connection(), "UPDATE data SET s = 'java' WHERE s IS NULL",
                  "DELETE FROM data WHERE v < -500000");
              return Map.of();
            })
            .isApplied(ctx -> false).build();
      case CUT_IN_PLACE:
        return CutInPlace.builder().id("cut").table("data").keyColumn("id").chunkSize(7)
            .sql("UPDATE data SET v = v * 3 - 1 WHERE id > ? AND id <= ?").build();
      case TRICKLE_SYNC:
        return TrickleSync.builder().id("trickle").source(factory(db), "data").targetTable("copy")
            .columns("id", "v", "s").keyColumn("id").batchSize(9).writeFreeze(Runnable::run).build();
      case MASKING:
        return MaskingStep.builder().id("mask").table("data", "id").column("s", Mask.HEX)
            .key("property-test-key-0123".getBytes(StandardCharsets.UTF_8)).chunkSize(5).build();
      default:
        return Checkpoints.rowCount("copy", 0).asStep("check");
    }
  }

  private static List<TableDigest> digests(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      List<TableDigest> out = new ArrayList<>();
      for (String t : List.of("data", "copy")) {
        out.add(ContentDigest.builder().table(t).columns("id", "v", "s").build().compute(c));
      }
      return out;
    }
  }
}

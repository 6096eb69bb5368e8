package dev.cutover.rollback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.migration.testing.DatabaseExtension;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.MutableClock;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Snapshot, mutate at random (insert, update, delete, alter, drop), restore: the scope's digest
 * equals the original's, on H2, PostgreSQL and MariaDB.
 */
class TableRoundTripProperties {
  private static final Map<TestDatabase, FreshDatabase> DBS = new EnumMap<>(TestDatabase.class);

  static synchronized FreshDatabase db(TestDatabase kind) throws SQLException {
    FreshDatabase db = DBS.get(kind);
    if (db == null) {
      db = DatabaseExtension.open(kind);
      DBS.put(kind, db);
    }
    return db;
  }

  @AfterContainer
  static synchronized void dropDatabases() throws SQLException {
    for (FreshDatabase db : DBS.values()) {
      db.close();
    }
    DBS.clear();
  }

  /** A row of the accounts table. */
  record Row(long id, String owner, String balance) {}

  /** A change an operator or a failed migration might make. */
  record Mutation(String sql, List<Object> args) {
    @Override
    public String toString() {
      return sql + " " + args;
    }
  }

  @Property(tries = 36)
  void restore_afterRandomMutations_reproducesTheDigest(
      @ForAll TestDatabase kind,
      @ForAll("rows") List<Row> rows,
      @ForAll("mutations") List<Mutation> mutations,
      @ForAll boolean onFileSystem) throws Exception {
    FreshDatabase db = db(kind);
    reset(db, rows);
    TableScope scope =
        TableScope.builder(db::connect).table("accounts").table("notes").build();
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cutover-tables");
    try (SnapshotStore store =
        (onFileSystem ? SnapshotStore.onFileSystem(dir).compression(true) : SnapshotStore.inMemory())
            .clock(MutableClock.at("2026-11-21T10:00:00Z"))
            .authorizer(PrincipalAllowlist.builder().allow("alice").build())
            .retention(Duration.ofHours(1))
            .build()) {
      String before = scope.digest();
      SnapshotRef ref = store.snapshot(scope, SnapshotContext.of("engine", "c1", "migrate"));
      assertThat(ref.contentDigest()).isEqualTo(before);
      try (Connection c = db.connect()) {
        for (Mutation m : mutations) {
          apply(c, m);
        }
      }
      store.restore(ref, scope, Authorization.of("alice"));
      assertThat(scope.digest()).isEqualTo(before);
      assertThat(readRows(db)).containsExactlyInAnyOrderElementsOf(rows);
    } finally {
      dev.cutover.rollback.files.Trees.delete(dir);
    }
  }

  @Property(tries = 18)
  void restore_ofKeyRange_reproducesRangeAndLeavesOtherRowsAlone(
      @ForAll TestDatabase kind,
      @ForAll("rows") List<Row> rows,
      @ForAll("rowMutations") List<Mutation> mutations) throws Exception {
    FreshDatabase db = db(kind);
    reset(db, rows);
    TableScope range = TableScope.builder(db::connect).keyRange("accounts", "id", 10, 30).build();
    try (SnapshotStore store =
        SnapshotStore.inMemory()
            .clock(MutableClock.at("2026-11-21T10:00:00Z"))
            .authorizer(PrincipalAllowlist.builder().allow("alice").build())
            .retention(Duration.ofHours(1))
            .build()) {
      String before = range.digest();
      SnapshotRef ref = store.snapshot(range, SnapshotContext.of("engine", "c1", "migrate"));
      try (Connection c = db.connect()) {
        for (Mutation m : mutations) {
          apply(c, m);
        }
      }
      List<Row> outsideAfterMutation =
          readRows(db).stream().filter(r -> r.id() < 10 || r.id() >= 30).toList();
      store.restore(ref, range, Authorization.of("alice"));
      assertThat(range.digest()).isEqualTo(before);
      List<Row> now = readRows(db);
      assertThat(now.stream().filter(r -> r.id() >= 10 && r.id() < 30))
          .containsExactlyInAnyOrderElementsOf(
              rows.stream().filter(r -> r.id() >= 10 && r.id() < 30).toList());
      assertThat(now.stream().filter(r -> r.id() < 10 || r.id() >= 30))
          .containsExactlyInAnyOrderElementsOf(outsideAfterMutation);
    }
  }

  static void reset(FreshDatabase db, List<Row> rows) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS accounts");
      s.execute("DROP TABLE IF EXISTS notes");
      s.execute(
          "CREATE TABLE accounts (id BIGINT NOT NULL PRIMARY KEY, owner VARCHAR(40) NOT NULL,"
              + " balance DECIMAL(12, 2))");
      s.execute("CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(100))");
      s.execute("INSERT INTO notes VALUES (1, 'first'), (2, NULL)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
        for (Row r : rows) {
          ps.setLong(1, r.id());
          ps.setString(2, r.owner());
          ps.setBigDecimal(3, r.balance() == null ? null : new java.math.BigDecimal(r.balance()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  static List<Row> readRows(FreshDatabase db) throws SQLException {
    List<Row> out = new java.util.ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT id, owner, balance FROM accounts")) {
      while (rs.next()) {
        java.math.BigDecimal b = rs.getBigDecimal(3);
        out.add(new Row(rs.getLong(1), rs.getString(2), b == null ? null : Family.canonical(b)));
      }
    }
    return out;
  }

  static void apply(Connection c, Mutation m) {
    try (PreparedStatement ps = c.prepareStatement(m.sql())) {
      for (int i = 0; i < m.args().size(); i++) {
        ps.setObject(i + 1, m.args().get(i));
      }
      ps.execute();
    } catch (SQLException e) {
      // A mutation that does not apply (duplicate key, table already dropped) is simply skipped.
    }
  }

  static Arbitrary<String> owners() {
    return Arbitraries.strings().withChars("abcXYZ 019\t\n\\'\"é%_ü").ofMaxLength(40);
  }

  static Arbitrary<String> balances() {
    return Arbitraries.bigDecimals().between(new java.math.BigDecimal("-9999999999.99"),
            new java.math.BigDecimal("9999999999.99")).ofScale(2)
        .map(Family::canonical).injectNull(0.2);
  }

  @Provide
  Arbitrary<List<Row>> rows() {
    return Combinators.combine(Arbitraries.longs().between(0, 40), owners(), balances())
        .as(Row::new).list().ofMaxSize(30).uniqueElements(Row::id);
  }

  @Provide
  Arbitrary<List<Mutation>> rowMutations() {
    Arbitrary<Long> ids = Arbitraries.longs().between(0, 40);
    Arbitrary<Mutation> insert = Combinators.combine(ids, owners(), balances()).as((i, o, b) ->
        new Mutation("INSERT INTO accounts (id, owner, balance) VALUES (?, ?, ?)",
            java.util.Arrays.asList(i, o, b == null ? null : new java.math.BigDecimal(b))));
    Arbitrary<Mutation> update = Combinators.combine(ids, owners()).as((i, o) ->
        new Mutation("UPDATE accounts SET owner = ? WHERE id = ?", List.of(o, i)));
    Arbitrary<Mutation> updateAll = Arbitraries.just(
        new Mutation("UPDATE accounts SET balance = balance + 1", List.of()));
    Arbitrary<Mutation> delete = ids.map(i ->
        new Mutation("DELETE FROM accounts WHERE id = ?", List.of(i)));
    return Arbitraries.oneOf(insert, update, updateAll, delete).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> ddl = Arbitraries.of(
        new Mutation("ALTER TABLE accounts ADD COLUMN extra INT", List.of()),
        new Mutation("ALTER TABLE accounts DROP COLUMN balance", List.of()),
        new Mutation("DROP TABLE accounts", List.of()),
        new Mutation("DROP TABLE notes", List.of()),
        new Mutation("DELETE FROM notes", List.of()),
        new Mutation("CREATE TABLE accounts (id INT PRIMARY KEY, other VARCHAR(5))", List.of()));
    return Arbitraries.oneOf(rowMutations().map(l -> l.get(0)), ddl)
        .list().ofMinSize(1).ofMaxSize(8);
  }
}

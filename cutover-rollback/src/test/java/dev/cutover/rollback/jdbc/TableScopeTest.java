package dev.cutover.rollback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.testing.DatabaseExtension;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.MutableClock;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.RecordingListener;
import dev.cutover.rollback.RestoreRefusal;
import dev.cutover.rollback.RestoreUnauthorizedException;
import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.SnapshotTamperedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableScopeTest {
  @TempDir Path dir;

  static void seed(FreshDatabase db, int rows) throws Exception {
    try (Connection c = db.connect()) {
      TableFixtures.createAccounts(c, db.kind());
      for (int i = 0; i < rows; i++) {
        TableFixtures.insertAccount(c, i, "owner \t\n\\ é " + i, i % 3 == 0 ? null : i + ".50");
      }
    }
  }

  static void execute(FreshDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @DatabaseTest
  void restore_recreatesDroppedTableWithItsDefinitionAndRows(FreshDatabase db) throws Exception {
    seed(db, 20);
    TableScope scope = TableFixtures.accounts(db);
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    TableDefinition definition;
    try (Connection c = db.connect()) {
      definition = TableDefinition.read(c, "accounts").orElseThrow();
    }
    assertThat(scope.digest()).isEqualTo(digest);

    execute(db, "DROP TABLE accounts");
    assertThat(scope.digest()).isNotEqualTo(digest);
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));

    assertThat(scope.digest()).isEqualTo(digest);
    try (Connection c = db.connect()) {
      assertThat(TableDefinition.read(c, "accounts")).contains(definition);
    }
  }

  @DatabaseTest
  void restore_ofTablesLinkedByAForeignKey_emptiesChildrenFirstAndRestoresBoth(FreshDatabase db)
      throws Exception {
    execute(db, "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20))");
    execute(db, "CREATE TABLE child (id INT PRIMARY KEY, pid INT NOT NULL,"
        + " CONSTRAINT child_parent FOREIGN KEY (pid) REFERENCES parent (id))");
    execute(db, "INSERT INTO parent VALUES (1, 'one'), (2, 'two')");
    execute(db, "INSERT INTO child VALUES (10, 1), (11, 2), (12, 2)");
    TableScope scope = TableScope.builder(db::connect).table("parent").table("child").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);

    execute(db, "DELETE FROM child WHERE id = 12");
    execute(db, "UPDATE parent SET name = 'changed' WHERE id = 2");
    execute(db, "INSERT INTO parent VALUES (3, 'three')");
    execute(db, "INSERT INTO child VALUES (13, 3)");
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));

    assertThat(scope.digest()).isEqualTo(digest);
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(
            "SELECT c.id, p.name FROM child c JOIN parent p ON p.id = c.pid ORDER BY c.id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getInt(1) + ":" + rs.getString(2));
      }
      assertThat(rows).containsExactly("10:one", "11:two", "12:two");
    }
  }

  @DatabaseTest(TestDatabase.MARIADB)
  void mariadb_tinyintOneBitYearUnsignedDecimalAndTimeColumns_restoreExactly(FreshDatabase db) throws Exception {
    execute(db, "CREATE TABLE odd (id INT PRIMARY KEY, ti TINYINT(1), bo BOOLEAN, b8 BIT(8),"
        + " y YEAR, d DECIMAL(10,2) UNSIGNED, t TIME, t6 TIME(6))");
    execute(db, "INSERT INTO odd VALUES (1, -5, 2, b'10101010', 2024, 12345678.90, '-838:59:59',"
        + " '12:34:56.123456'), (2, 1, 0, b'1', 1999, 0.5, '00:00:01', '23:59:59.000001'),"
        + " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    TableDefinition definition;
    try (Connection c = db.connect()) {
      definition = TableDefinition.read(c, "odd").orElseThrow();
    }
    TableScope scope = TableScope.builder(db::connect).table("odd").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    String before = oddRows(db);
    assertThat(before).isEqualTo("1 -5 2 AA 2024 12345678.90 -838:59:59 12:34:56.123456|"
        + "2 1 0 1 1999 0.50 00:00:01 23:59:59.000001|3 null null null null null null null|");

    execute(db, "UPDATE odd SET ti = 7, bo = 1, b8 = b'1', y = 2000");
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    assertThat(oddRows(db)).isEqualTo(before);
    assertThat(scope.digest()).isEqualTo(digest);

    execute(db, "DROP TABLE odd");
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    assertThat(oddRows(db)).isEqualTo(before);
    assertThat(scope.digest()).isEqualTo(digest);
    try (Connection c = db.connect()) {
      assertThat(TableDefinition.read(c, "odd")).as("recreated as it was").contains(definition);
    }
  }

  private static String oddRows(FreshDatabase db) throws Exception {
    StringBuilder b = new StringBuilder();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(
            "SELECT id, ti, bo, HEX(b8), y, d, t, t6 FROM odd ORDER BY id")) {
      while (rs.next()) {
        for (int i = 1; i <= 8; i++) {
          b.append(i == 1 ? "" : " ").append(rs.getString(i));
        }
        b.append('|');
      }
    }
    return b.toString();
  }

  @DatabaseTest(TestDatabase.POSTGRESQL)
  void snapshot_ofAValueTheScopeCannotEncode_isRefusedWithTheReason(FreshDatabase db)
      throws Exception {
    execute(db, "CREATE TABLE zoned (id INT PRIMARY KEY, t TIMETZ)");
    execute(db, "INSERT INTO zoned VALUES (1, '10:00:00+02')");
    TableScope scope = TableScope.builder(db::connect).table("zoned").build();
    try (SnapshotStore store = SnapshotStore.inMemory()
        .authorizer(PrincipalAllowlist.builder().allow("alice").build())
        .retention(Duration.ofHours(1)).build()) {
      assertThatThrownBy(() -> store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1")))
          .isInstanceOf(dev.cutover.rollback.SnapshotException.class)
          .hasMessageStartingWith("cannot snapshot scope 'tables[zoned]' for ")
          .hasMessageContaining("table 'zoned' holds a value that cannot be captured: ")
          .hasMessageContaining("10:00:00+02");
    }
  }

  @DatabaseTest
  void restore_ofTableThatWasAbsent_dropsIt(FreshDatabase db) throws Exception {
    TableScope scope = TableScope.builder(db::connect).table("later").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String absent = scope.capture(archive);
    execute(db, "CREATE TABLE later (id INT PRIMARY KEY)");
    assertThat(scope.digest()).isNotEqualTo(absent);
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    assertThat(scope.digest()).isEqualTo(absent);
    try (Connection c = db.connect()) {
      assertThat(TableDefinition.read(c, "later")).isEmpty();
    }
  }

  @DatabaseTest
  void digest_ignoresPhysicalRowOrder(FreshDatabase db) throws Exception {
    seed(db, 10);
    TableScope scope = TableFixtures.accounts(db);
    String digest = scope.digest();
    // Delete and re-insert the same rows in another order: a different physical layout.
    execute(db, "CREATE TABLE copy_of AS SELECT * FROM accounts");
    execute(db, "DELETE FROM accounts");
    execute(db, "INSERT INTO accounts SELECT * FROM copy_of ORDER BY id DESC");
    assertThat(scope.digest()).isEqualTo(digest);
    execute(db, "UPDATE accounts SET owner = 'x' WHERE id = 3");
    assertThat(scope.digest()).isNotEqualTo(digest);
  }

  @DatabaseTest
  void restore_refusedForUnauthorisedOrTampered_changesNothing(FreshDatabase db) throws Exception {
    seed(db, 15);
    TableScope scope = TableFixtures.accounts(db);
    RecordingListener listener = new RecordingListener();
    Path storeDir = dir.resolve("store-" + db.kind());
    try (SnapshotStore store =
        SnapshotStore.onFileSystem(storeDir)
            .chunkSize(4096)
            .clock(MutableClock.at("2026-11-21T10:00:00Z"))
            .listener(listener)
            .authorizer(PrincipalAllowlist.builder().allow("alice").build())
            .retention(Duration.ofHours(1))
            .build()) {
      SnapshotRef ref = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      execute(db, "DELETE FROM accounts WHERE id < 5");
      execute(db, "ALTER TABLE accounts ADD COLUMN extra INT");
      String mutated = scope.digest();

      assertThatThrownBy(() -> store.restore(ref, scope, Authorization.of("mallory")))
          .isInstanceOf(RestoreUnauthorizedException.class);
      assertThat(scope.digest()).isEqualTo(mutated);

      List<Path> chunks = new ArrayList<>();
      try (Stream<Path> s = Files.walk(storeDir.resolve("chunks"))) {
        s.filter(Files::isRegularFile).forEach(chunks::add);
      }
      Path last = chunks.get(chunks.size() - 1);
      byte[] bytes = Files.readAllBytes(last);
      bytes[bytes.length / 2] ^= 0x40;
      Files.write(last, bytes);
      assertThatThrownBy(() -> store.restore(ref, scope, Authorization.of("alice")))
          .isInstanceOf(SnapshotTamperedException.class);
      assertThat(scope.digest()).isEqualTo(mutated);

      assertThat(listener.refusals).extracting(RestoreRefusal::reason)
          .containsExactly(RestoreRefusal.Reason.UNAUTHORIZED, RestoreRefusal.Reason.TAMPERED);
      assertThat(listener.refusals).extracting(RestoreRefusal::principal)
          .containsExactly("mallory", "alice");
    }
  }

  @Test
  void digest_isTheSameForTheSameDataOnEveryDatabase() throws Exception {
    List<String> digests = new ArrayList<>();
    for (TestDatabase kind : TestDatabase.values()) {
      try (FreshDatabase db = DatabaseExtension.open(kind)) {
        seed(db, 25);
        execute(db, "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(10))");
        digests.add(
            TableScope.builder(db::connect).table("accounts").table("notes").build().digest());
      }
    }
    assertThat(digests).hasSize(3).containsOnly(digests.get(0));
  }

  @Test
  void builder_checksEveryArgument() {
    ConnectionSource none = () -> {
      throw new java.sql.SQLException("unused");
    };
    assertThatThrownBy(() -> TableScope.builder(null)).hasMessage("source");
    assertThatThrownBy(() -> TableScope.builder(none).table(null)).hasMessage("table");
    assertThatThrownBy(() -> TableScope.builder(none).table(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TableScope.builder(none).keyRange("t", "id", 5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[5, 5)");
    assertThatThrownBy(() -> TableScope.builder(none).table("t").table("T"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TableScope.builder(none).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TableScope.builder(none).name("a").name("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(TableScope.builder(none).table("A").keyRange("b", "ID", 1, 9).build().name())
        .isEqualTo("tables[a, b[id 1..9)]");
  }
}

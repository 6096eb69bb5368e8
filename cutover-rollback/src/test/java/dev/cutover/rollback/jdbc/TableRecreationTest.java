package dev.cutover.rollback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A restore that recreates tables and fails part-way, or is refused, leaves every table as it
 * was, also where DDL commits by itself (H2, MariaDB).
 */
class TableRecreationTest {
  static void execute(FreshDatabase db, String... sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** The names of all tables in the database, lower case and sorted. */
  static List<String> tables(FreshDatabase db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%",
            new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    names.sort(null);
    return names;
  }

  /** An archive stream that fails after {@code limit} bytes, as a failing disk would. */
  static InputStream failingAfter(byte[] archive, int limit) {
    return new FilterInputStream(new ByteArrayInputStream(archive)) {
      private int read;

      @Override
      public int read() throws IOException {
        check(1);
        int b = super.read();
        read++;
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        check(len);
        int n = super.read(b, off, Math.min(len, limit - read));
        read += Math.max(n, 0);
        return n;
      }

      private void check(int wanted) throws IOException {
        if (read >= limit && wanted > 0) {
          throw new IOException("disk read error at byte " + read);
        }
      }
    };
  }

  static void seed(FreshDatabase db) throws Exception {
    execute(db, "CREATE TABLE kept (id INT PRIMARY KEY, name VARCHAR(20))",
        "CREATE TABLE reshaped (id INT PRIMARY KEY, body VARCHAR(200))");
    StringBuilder kept = new StringBuilder("INSERT INTO kept VALUES (0, 'k0')");
    StringBuilder reshaped = new StringBuilder("INSERT INTO reshaped VALUES (0, 'r0')");
    for (int i = 1; i < 3000; i++) {
      kept.append(", (").append(i).append(", 'k").append(i).append("')");
      reshaped.append(", (").append(i).append(", 'body of row ").append(i).append("')");
    }
    execute(db, kept.toString(), reshaped.toString());
  }

  @DatabaseTest
  void restore_failingWhileLoadingARecreatedTable_leavesEveryTableAsItWas(FreshDatabase db)
      throws Exception {
    seed(db);
    TableScope scope = TableScope.builder(db::connect).table("kept").table("reshaped").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    execute(db, "DELETE FROM kept WHERE id < 100",
        "ALTER TABLE reshaped ADD COLUMN extra INT",
        "UPDATE reshaped SET extra = id, body = 'changed'");
    String changed = scope.digest();
    List<String> tables = tables(db);
    byte[] bytes = archive.toByteArray();

    // fails in the last rows of the table that has to be recreated
    assertThatThrownBy(() -> scope.restore(failingAfter(bytes, bytes.length - 200)))
        .isInstanceOf(IOException.class);

    assertThat(scope.digest()).as("nothing changed").isEqualTo(changed);
    assertThat(tables(db)).as("no table left behind").isEqualTo(tables);
    scope.restore(new ByteArrayInputStream(bytes));
    assertThat(scope.digest()).isEqualTo(digest);
  }

  @DatabaseTest
  void restore_replacingATableReferencedFromOutsideTheScope_isRefusedAndChangesNothing(
      FreshDatabase db) throws Exception {
    seed(db);
    TableScope scope = TableScope.builder(db::connect).table("kept").table("reshaped").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    execute(db, "DELETE FROM kept WHERE id < 100",
        "ALTER TABLE reshaped ADD COLUMN extra INT",
        "CREATE TABLE outsider (id INT PRIMARY KEY, rid INT,"
            + " CONSTRAINT outsider_reshaped FOREIGN KEY (rid) REFERENCES reshaped (id))",
        "INSERT INTO outsider VALUES (1, 5)");
    String changed = scope.digest();
    List<String> tables = tables(db);

    assertThatThrownBy(() -> scope.restore(new ByteArrayInputStream(archive.toByteArray())))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(e.getMessage())
            .containsIgnoringCase("table 'reshaped' has to be recreated")
            .containsIgnoringCase("but table 'outsider', which stays in place, refers to it"));
    assertThat(scope.digest()).as("nothing changed").isEqualTo(changed);
    assertThat(tables(db)).isEqualTo(tables);

    execute(db, "DROP TABLE outsider");
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    assertThat(scope.digest()).isEqualTo(digest);
  }

  @DatabaseTest
  void restore_ofAKeyRangeIntoAnAlteredTable_isRefusedBeforeAnyTableChanges(FreshDatabase db)
      throws Exception {
    seed(db);
    TableScope scope = TableScope.builder(db::connect).table("kept")
        .keyRange("reshaped", "id", 10, 20).build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    scope.capture(archive);
    execute(db, "DELETE FROM kept WHERE id < 100", "ALTER TABLE reshaped ADD COLUMN extra INT");
    String changed = scope.digest();

    assertThatThrownBy(() -> scope.restore(new ByteArrayInputStream(archive.toByteArray())))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(e.getMessage())
            .containsIgnoringCase("table 'reshaped' was altered since the snapshot"));
    assertThat(scope.digest()).isEqualTo(changed);
  }

  @DatabaseTest
  void restore_recreatingParentAndChild_keepsNoStagingTablesAndRestoresBoth(FreshDatabase db)
      throws Exception {
    execute(db, "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20))",
        "CREATE TABLE child (id INT PRIMARY KEY, pid INT NOT NULL,"
            + " CONSTRAINT child_parent FOREIGN KEY (pid) REFERENCES parent (id))",
        "INSERT INTO parent VALUES (1, 'one'), (2, 'two')",
        "INSERT INTO child VALUES (10, 1), (11, 2)");
    TableScope scope = TableScope.builder(db::connect).table("parent").table("child")
        .table("later").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    List<String> tables = tables(db);
    execute(db, "ALTER TABLE parent ADD COLUMN extra INT", "ALTER TABLE child ADD COLUMN x INT",
        "CREATE TABLE later (id INT PRIMARY KEY)");

    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    assertThat(scope.digest()).isEqualTo(digest);
    assertThat(tables(db)).isEqualTo(tables);
    try (Connection c = db.connect()) {
      assertThat(TableDefinition.read(c, "parent").orElseThrow().columns()).hasSize(2);
      assertThat(TableDefinition.read(c, "child").orElseThrow().columns()).hasSize(2);
    }
  }

  static void parentAndChild(FreshDatabase db) throws Exception {
    execute(db, "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20))",
        "CREATE TABLE child (id INT PRIMARY KEY, pid INT NOT NULL,"
            + " CONSTRAINT child_parent FOREIGN KEY (pid) REFERENCES parent (id))",
        "INSERT INTO parent VALUES (1, 'one'), (2, 'two')",
        "INSERT INTO child VALUES (10, 1), (11, 2)");
  }

  @DatabaseTest
  void restore_ofAnUnchangedParentWithAnAlteredChild_restoresBoth(FreshDatabase db)
      throws Exception {
    parentAndChild(db);
    TableScope scope = TableScope.builder(db::connect).table("parent").table("child").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    List<String> tables = tables(db);
    execute(db, "ALTER TABLE child ADD COLUMN x INT", "INSERT INTO parent VALUES (3, 'three')",
        "INSERT INTO child VALUES (12, 3, NULL)");

    scope.restore(new ByteArrayInputStream(archive.toByteArray()));

    assertThat(scope.digest()).isEqualTo(digest);
    assertThat(tables(db)).as("no staging or old copies left").isEqualTo(tables);
  }

  @DatabaseTest
  void restore_dropsAChildCreatedSinceTheSnapshot_andRestoresItsParent(FreshDatabase db)
      throws Exception {
    execute(db, "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20))",
        "INSERT INTO parent VALUES (1, 'one')");
    TableScope scope = TableScope.builder(db::connect).table("parent").table("child").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    List<String> tables = tables(db);
    execute(db, "INSERT INTO parent VALUES (2, 'two')",
        "CREATE TABLE child (id INT PRIMARY KEY, pid INT NOT NULL,"
            + " CONSTRAINT child_parent FOREIGN KEY (pid) REFERENCES parent (id))",
        "INSERT INTO child VALUES (10, 1), (11, 2)");

    scope.restore(new ByteArrayInputStream(archive.toByteArray()));

    assertThat(scope.digest()).isEqualTo(digest);
    assertThat(tables(db)).isEqualTo(tables);
  }

  @DatabaseTest
  void restore_ofAlteredTablesAddedChildFirst_dropsTheOldCopiesInTheOrderTheirKeysAllow(
      FreshDatabase db) throws Exception {
    parentAndChild(db);
    TableScope scope = TableScope.builder(db::connect).table("child").table("parent").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    List<String> tables = tables(db);
    execute(db, "ALTER TABLE parent ADD COLUMN extra INT", "ALTER TABLE child ADD COLUMN x INT");

    scope.restore(new ByteArrayInputStream(archive.toByteArray()));

    assertThat(scope.digest()).isEqualTo(digest);
    assertThat(tables(db)).as("no staging or old copies left").isEqualTo(tables);
  }

  @DatabaseTest
  void restore_ofAnAlteredParentWhoseUnchangedChildIsInTheScope_isRefusedInPlainWords(
      FreshDatabase db) throws Exception {
    parentAndChild(db);
    TableScope scope = TableScope.builder(db::connect).table("parent").table("child").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    scope.capture(archive);
    execute(db, "ALTER TABLE parent ADD COLUMN extra INT");
    String changed = scope.digest();

    assertThatThrownBy(() -> scope.restore(new ByteArrayInputStream(archive.toByteArray())))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(e.getMessage())
            .containsIgnoringCase("table 'child', which is in the scope but unchanged")
            .doesNotContain("add table"));
    assertThat(scope.digest()).isEqualTo(changed);
  }

  @DatabaseTest
  void restore_ofOneUnchangedTable_failingWhileLoading_leavesItAsItWas(FreshDatabase db)
      throws Exception {
    seed(db);
    TableScope scope = TableScope.builder(db::connect).table("kept").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    execute(db, "DELETE FROM kept WHERE id < 100", "UPDATE kept SET name = 'changed'");
    String changed = scope.digest();
    byte[] bytes = archive.toByteArray();

    assertThatThrownBy(() -> scope.restore(failingAfter(bytes, bytes.length - 200)))
        .isInstanceOf(IOException.class);

    assertThat(scope.digest()).as("nothing changed").isEqualTo(changed);
    scope.restore(new ByteArrayInputStream(bytes));
    assertThat(scope.digest()).isEqualTo(digest);
  }
}

package dev.cutover.migration.validation;

import static dev.cutover.migration.TestSql.exec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.migration.testing.DatabaseExtension;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.sql.Connection;

class ContentDigestTest {
  private static final String[] ROWS = {
    "(1, 42, 10.50, 'plain', 'ab', TIMESTAMP '2026-11-21 10:15:30.120', DATE '2026-02-28', TRUE)",
    "(2, -7, 0.00, 'ünïcødé ☃ ''quoted''', 'x', TIMESTAMP '1999-12-31 23:59:59', DATE '1970-01-01', FALSE)",
    "(3, 9007199254740993, 123456789.99, '', 'y', TIMESTAMP '2026-01-01 00:00:00.000001', DATE '2000-01-01', TRUE)",
    "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
    "(5, 0, -0.10, 'tail  ', 'z', TIMESTAMP '2026-06-30 12:00:00.5', DATE '2026-06-30', FALSE)"
  };

  private static final ContentDigest ALL = ContentDigest.builder().table("things")
      .columns("id", "n", "amount", "label", "code", "happened", "born", "flag").build();

  private static void create(FreshDatabase db, String order) throws Exception {
    String ts = db.kind() == TestDatabase.MARIADB ? "DATETIME(6)" : "TIMESTAMP(6)";
    exec(db, "CREATE TABLE things (id INT PRIMARY KEY, n BIGINT, amount DECIMAL(12,2),"
        + " label VARCHAR(40), code CHAR(4), happened " + ts + ", born DATE, flag BOOLEAN)");
    for (char i : order.toCharArray()) {
      exec(db, "INSERT INTO things VALUES " + ROWS[i - '0']);
    }
  }

  @DatabaseTest
  void sameData_givesTheSameDigestAsH2_inAnyOrder(FreshDatabase db) throws Exception {
    create(db, "42031");
    TableDigest here;
    try (Connection c = db.connect()) {
      here = ALL.compute(c);
    }
    try (FreshDatabase h2 = DatabaseExtension.open(TestDatabase.H2)) {
      create(h2, "01234");
      try (Connection c = h2.connect()) {
        assertThat(ALL.compute(c)).isEqualTo(here);
      }
    }
    assertThat(here.rows()).isEqualTo(5);
  }

  @DatabaseTest
  void anyChange_changesTheDigest_andRangesCoverOnlyTheirKeys(FreshDatabase db) throws Exception {
    create(db, "01234");
    try (Connection c = db.connect()) {
      TableDigest before = ALL.compute(c);
      exec(c, "UPDATE things SET amount = 10.51 WHERE id = 1");
      assertThat(ALL.compute(c)).isNotEqualTo(before);
      exec(c, "UPDATE things SET amount = 10.5 WHERE id = 1");
      assertThat(ALL.compute(c)).isEqualTo(before);
      exec(c, "UPDATE things SET label = '' WHERE id = 4");
      assertThat(ALL.compute(c)).as("empty string is not null").isNotEqualTo(before);

      ContentDigest range = ContentDigest.builder().table("things").columns("id", "label")
          .range("id", 1, 3).build();
      assertThat(range.compute(c).rows()).isEqualTo(2);
    }
  }

  @DatabaseTest
  void manyRows_streamInPagesWithTheSameDigest_andTheConnectionIsLeftAsItWas(FreshDatabase db)
      throws Exception {
    exec(db, "CREATE TABLE many (id INT PRIMARY KEY, label VARCHAR(40))");
    try (Connection c = db.connect();
        java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO many VALUES (?, ?)")) {
      for (int i = 1; i <= 2500; i++) {
        p.setInt(1, i);
        p.setString(2, "row " + i);
        p.addBatch();
      }
      p.executeBatch();
    }
    ContentDigest many = ContentDigest.builder().table("many").columns("id", "label").build();
    try (Connection c = db.connect()) {
      TableDigest autoCommit = many.compute(c);
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(autoCommit.rows()).isEqualTo(2500);

      c.setAutoCommit(false);
      exec(c, "INSERT INTO many VALUES (2501, 'in the caller''s transaction')");
      TableDigest inTransaction = many.compute(c);
      assertThat(c.getAutoCommit()).isFalse();
      assertThat(inTransaction.rows()).as("sees the caller's own write").isEqualTo(2501);
      c.rollback();
      assertThat(many.compute(c)).isEqualTo(autoCommit);
    }
  }
}

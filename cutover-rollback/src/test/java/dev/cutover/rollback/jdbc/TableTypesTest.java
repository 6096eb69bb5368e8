package dev.cutover.rollback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.testing.DatabaseExtension;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Column types beyond the common ones: each restores exactly, also into a recreated table. */
class TableTypesTest {
  static void execute(FreshDatabase db, String... sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** Every row of {@code select}, each value as text: arrays element by element, JSON as text. */
  static List<String> rows(FreshDatabase db, String select) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(select)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object o = rs.getObject(i);
          if (o instanceof Array a) {
            o = text(a);
          } else if (o instanceof byte[] bytes) {
            o = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
          }
          b.append(i == 1 ? "" : " | ").append(o);
        }
        rows.add(b.toString());
      }
    }
    return rows;
  }

  /** An array's elements as text, nested arrays too, with the element count. */
  private static String text(Array a) throws java.sql.SQLException {
    Object[] elements = (Object[]) a.getArray();
    List<String> out = new ArrayList<>();
    for (Object e : elements) {
      out.add(e instanceof Array nested ? text(nested)
          : e instanceof Object[] nested ? Arrays.deepToString(nested) : String.valueOf(e));
    }
    return out + "#" + elements.length;
  }

  static TableDefinition definition(FreshDatabase db, String table) throws Exception {
    try (Connection c = db.connect()) {
      return TableDefinition.read(c, table).orElseThrow();
    }
  }

  /**
   * Captures {@code table}, runs {@code change}, restores; then drops the table and restores
   * again. Both times the rows, the digest and the definition come back as they were.
   */
  static void assertRoundTrip(FreshDatabase db, String table, String select, String... change)
      throws Exception {
    TableScope scope = TableScope.builder(db::connect).table(table).build();
    TableDefinition definition = definition(db, table);
    List<String> before = rows(db, select);
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    assertThat(scope.digest()).isEqualTo(digest);

    execute(db, change);
    assertThat(scope.digest()).as("changed").isNotEqualTo(digest);
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    assertThat(rows(db, select)).as("restored in place").isEqualTo(before);
    assertThat(scope.digest()).isEqualTo(digest);

    execute(db, "DROP TABLE " + table);
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    assertThat(rows(db, select)).as("restored into a recreated table").isEqualTo(before);
    assertThat(scope.digest()).isEqualTo(digest);
    assertThat(definition(db, table)).as("recreated as it was").isEqualTo(definition);
  }

  @DatabaseTest(TestDatabase.H2)
  void h2_arrayAndJsonColumns_restoreExactly(FreshDatabase db) throws Exception {
    execute(db,
        "CREATE TABLE docs (id INT PRIMARY KEY, nums INTEGER ARRAY, words VARCHAR(10) ARRAY[4],"
            + " nested INTEGER ARRAY ARRAY, doc JSON)",
        "INSERT INTO docs VALUES (1, ARRAY[1, NULL, 3], ARRAY['a, b', '', '\"q\"'],"
            + " ARRAY[ARRAY[1, 2], ARRAY[]], JSON '{\"k\":[1,2.5,\"x\"],\"n\":null}')",
        "INSERT INTO docs VALUES (2, ARRAY[], ARRAY[NULL], NULL, JSON '\"just text\"')",
        "INSERT INTO docs VALUES (3, NULL, NULL, ARRAY[NULL], JSON '[true,false,null]')");
    assertRoundTrip(db, "docs", "SELECT * FROM docs ORDER BY id",
        "UPDATE docs SET nums = ARRAY[9], words = ARRAY['a', 'b'], doc = JSON '{}'");
  }

  @DatabaseTest(TestDatabase.H2)
  void h2_arrayOfZonedTimestamps_isCapturedAndRestoresTheSameInstants(FreshDatabase db)
      throws Exception {
    execute(db, "CREATE TABLE zoned_list (id INT PRIMARY KEY,"
            + " ats TIMESTAMP WITH TIME ZONE ARRAY)",
        "INSERT INTO zoned_list VALUES (1, ARRAY[TIMESTAMP WITH TIME ZONE"
            + " '2026-11-21 10:15:30+00:00', NULL]), (2, NULL)");
    TableScope scope = TableScope.builder(db::connect).table("zoned_list").build();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    String digest = scope.capture(archive);
    execute(db, "UPDATE zoned_list SET ats = ARRAY[] WHERE id = 1");
    assertThat(scope.digest()).isNotEqualTo(digest);
    scope.restore(new ByteArrayInputStream(archive.toByteArray()));
    assertThat(scope.digest()).isEqualTo(digest);
  }

  @DatabaseTest(TestDatabase.H2)
  void h2_digest_tellsApartArraysThatPrintAlike(FreshDatabase db) throws Exception {
    execute(db, "CREATE TABLE words (id INT PRIMARY KEY, w VARCHAR(10) ARRAY)",
        "INSERT INTO words VALUES (1, ARRAY['a', 'b'])");
    TableScope scope = TableScope.builder(db::connect).table("words").build();
    String two = scope.digest();
    execute(db, "UPDATE words SET w = ARRAY['a, b']");
    assertThat(scope.digest()).isNotEqualTo(two);
  }

  @DatabaseTest(TestDatabase.H2)
  void h2_timestampWithTimeZone_restoresWithItsOffset(FreshDatabase db) throws Exception {
    execute(db, "CREATE TABLE zoned (id INT PRIMARY KEY, at TIMESTAMP(3) WITH TIME ZONE)",
        "INSERT INTO zoned VALUES (1, TIMESTAMP WITH TIME ZONE '2026-11-21 10:15:30.125+05:30'),"
            + " (2, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00-08:00'),"
            + " (3, TIMESTAMP WITH TIME ZONE '1999-12-31 23:59:59.999Z'), (4, NULL)");
    assertRoundTrip(db, "zoned", "SELECT id, CAST(at AS VARCHAR) FROM zoned ORDER BY id",
        "UPDATE zoned SET at = at + INTERVAL '1' SECOND");
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT at FROM zoned WHERE id = 1")) {
      rs.next();
      assertThat(rs.getObject(1, OffsetDateTime.class))
          .isEqualTo(OffsetDateTime.parse("2026-11-21T10:15:30.125+05:30"));
    }
  }

  @Test
  void digest_ofTheSameInstants_isTheSameOnH2AndPostgreSqlWhateverTheOffset() throws Exception {
    List<String> digests = new ArrayList<>();
    for (TestDatabase kind : List.of(TestDatabase.H2, TestDatabase.POSTGRESQL)) {
      try (FreshDatabase db = DatabaseExtension.open(kind)) {
        execute(db, "CREATE TABLE zoned (id INT PRIMARY KEY, at TIMESTAMP WITH TIME ZONE)",
            "INSERT INTO zoned VALUES (1, TIMESTAMP WITH TIME ZONE"
                + (kind == TestDatabase.H2 ? " '2026-11-21 10:15:30.125+05:30')"
                    : " '2026-11-21 04:45:30.125+00')"));
        digests.add(TableScope.builder(db::connect).table("zoned").build().digest());
      }
    }
    assertThat(digests.get(0)).isEqualTo(digests.get(1));
  }

  @DatabaseTest(TestDatabase.H2)
  void h2_recreatedTable_keepsFractionalSecondsAndOtherPrecisions(FreshDatabase db)
      throws Exception {
    execute(db,
        "CREATE TABLE precise (id INT PRIMARY KEY, ts9 TIMESTAMP(9), ts0 TIMESTAMP(0),"
            + " t6 TIME(6), t9 TIME(9), tz9 TIMESTAMP(9) WITH TIME ZONE,"
            + " ttz TIME(3) WITH TIME ZONE, df DECFLOAT(40), iv INTERVAL DAY(3) TO SECOND(4),"
            + " u UUID)",
        "INSERT INTO precise VALUES (1, TIMESTAMP '2026-11-21 10:15:30.123456789',"
            + " TIMESTAMP '2026-11-21 10:15:30', TIME '12:34:56.123456',"
            + " TIME '23:59:59.999999999', TIMESTAMP WITH TIME ZONE"
            + " '2026-11-21 10:15:30.123456789+01:00', TIME WITH TIME ZONE '10:00:00.5+02:00',"
            + " 1234567890123456789012345678901234567.89, INTERVAL '123 01:02:03.4567' DAY TO"
            + " SECOND, UUID '5f7aa82d-91cd-4b87-a70e-bb8ea3c6278c'), (2, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL, NULL, NULL)");
    assertRoundTrip(db, "precise",
        "SELECT id, CAST(ts9 AS VARCHAR), CAST(ts0 AS VARCHAR), CAST(t6 AS VARCHAR),"
            + " CAST(t9 AS VARCHAR), CAST(tz9 AS VARCHAR), CAST(ttz AS VARCHAR),"
            + " CAST(df AS VARCHAR), CAST(iv AS VARCHAR), CAST(u AS VARCHAR)"
            + " FROM precise ORDER BY id",
        "UPDATE precise SET ts9 = NULL, t6 = NULL, df = 1, iv = NULL, u = RANDOM_UUID()");
  }

  @DatabaseTest(TestDatabase.MARIADB)
  void mariadb_enumSetJsonAndUuidColumns_restoreExactlyIntoARecreatedTable(FreshDatabase db)
      throws Exception {
    execute(db,
        "CREATE TABLE tagged (id INT PRIMARY KEY, e ENUM('a','b c','d''e') NOT NULL,"
            + " s SET('x','y','z'), j JSON, u UUID, big BIGINT UNSIGNED, ts TIMESTAMP(3) NULL)",
        "INSERT INTO tagged VALUES (1, 'd''e', 'x,z', '{\"k\": [1, 2]}',"
            + " '5f7aa82d-91cd-4b87-a70e-bb8ea3c6278c', 18446744073709551615,"
            + " '2026-11-21 10:15:30.125'), (2, 'a', '', '[]', NULL, 0, NULL),"
            + " (3, 'b c', NULL, NULL, NULL, NULL, NULL)");
    assertRoundTrip(db, "tagged", "SELECT * FROM tagged ORDER BY id",
        "UPDATE tagged SET e = 'a', s = 'y', j = '{}', big = 1");
    // the round trip ended with the table dropped and recreated: j still takes only JSON
    assertThatThrownBy(() -> execute(db, "INSERT INTO tagged (id, e, j) VALUES (9, 'a', '{no')"))
        .isInstanceOf(java.sql.SQLException.class)
        .hasMessageContaining("CONSTRAINT");
  }

  @DatabaseTest(TestDatabase.POSTGRESQL)
  void postgresql_arrayJsonUuidAndPrecisionColumns_restoreExactlyIntoARecreatedTable(
      FreshDatabase db) throws Exception {
    execute(db,
        "CREATE TABLE docs (id INT PRIMARY KEY, nums INT[], words TEXT[], j JSON, jb JSONB,"
            + " u UUID, ts3 TIMESTAMP(3), tz0 TIMESTAMPTZ(0), t2 TIME(2), short VARCHAR(3)[],"
            + " money NUMERIC(6,2)[], span INTERVAL SECOND(2))",
        "INSERT INTO docs VALUES (1, '{1,NULL,3}', '{\"a, b\",\"\",\"\\\\\"}',"
            + " '{\"b\": 1,  \"a\": [1, 2]}', '{\"b\": 1, \"a\": [1, 2]}',"
            + " '5f7aa82d-91cd-4b87-a70e-bb8ea3c6278c', '2026-11-21 10:15:30.125',"
            + " '2026-11-21 10:15:30+02', '12:34:56.78', '{abc,de}', '{1.25,-3.50}',"
            + " '12.34 seconds'), (2, '{}', NULL, 'null', '\"s\"', NULL,"
            + " NULL, NULL, NULL, NULL, NULL, NULL)");
    assertRoundTrip(db, "docs", "SELECT id, nums::text, words::text, j::text, jb::text,"
            + " u::text, ts3::text, tz0::text, t2::text, short::text, money::text, span::text"
            + " FROM docs ORDER BY id",
        "UPDATE docs SET nums = '{9}', j = '{}', jb = '[]', u = NULL");
    // the round trip ended with the table dropped and recreated from the snapshot
    assertThat(rows(db, "SELECT attname || ' ' || format_type(atttypid, atttypmod)"
            + " FROM pg_attribute WHERE attrelid = 'docs'::regclass"
            + " AND attname IN ('short', 'money', 'span') ORDER BY attname"))
        .containsExactly("money numeric(6,2)[]", "short character varying(3)[]",
            "span interval second(2)");
  }

  @Test
  void digest_ofIntegerAndTextArrays_isTheSameOnH2AndPostgreSql() throws Exception {
    List<String> digests = new ArrayList<>();
    for (TestDatabase kind : List.of(TestDatabase.H2, TestDatabase.POSTGRESQL)) {
      try (FreshDatabase db = DatabaseExtension.open(kind)) {
        execute(db, kind == TestDatabase.H2
                ? "CREATE TABLE arr (id INT PRIMARY KEY, nums INTEGER ARRAY,"
                    + " words VARCHAR(20) ARRAY)"
                : "CREATE TABLE arr (id INT PRIMARY KEY, nums INTEGER[], words VARCHAR(20)[])",
            "INSERT INTO arr VALUES (1, ARRAY[1, NULL, -3], ARRAY['a, b', '', 'é\"\\', NULL]),"
                + " (2, NULL, NULL)");
        digests.add(TableScope.builder(db::connect).table("arr").build().digest());
      }
    }
    assertThat(digests.get(0)).isEqualTo(digests.get(1));
  }
}

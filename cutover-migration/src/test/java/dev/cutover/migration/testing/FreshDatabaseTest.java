package dev.cutover.migration.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

class FreshDatabaseTest {
  @DatabaseTest
  void freshDatabase_isEmptyAndWritable(FreshDatabase db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE probe (id INT PRIMARY KEY, name VARCHAR(20))");
      s.execute("INSERT INTO probe VALUES (1, 'one')");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM probe")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }
}

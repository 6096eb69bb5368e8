package dev.cutover.migration.masking;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingStepTest {
  private static final byte[] KEY = "0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8);

  private static MaskingStep step(byte[] key) {
    return MaskingStep.builder().id("mask-users").table("users", "id")
        .column("email", Mask.EMAIL).column("phone", Mask.DIGITS).column("name", Mask.HEX)
        .key(key).chunkSize(2).build();
  }

  private static List<String> rows(FreshDatabase db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, email, phone, name FROM users ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
      }
    }
    return out;
  }

  @DatabaseTest
  void masking_isDeterministic_keepsNulls_andIsAppliedOnce(FreshDatabase db) throws Exception {
    exec(db, "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(100), phone VARCHAR(20),"
            + " name VARCHAR(64))",
        "INSERT INTO users VALUES (1, 'ada@example.com', '5551234', 'Ada'),"
            + " (2, 'bob@example.com', NULL, 'Bob'), (3, 'ada@example.com', '5551234', 'Ada Lovelace')");
    MaskingStep step = step(KEY);
    MigrationRunner.builder().connections(factory(db)).build().run(List.of(step));
    List<String> masked = rows(db);
    String ada = step.pseudonym("ada@example.com", Mask.EMAIL);
    assertThat(masked.get(0)).isEqualTo("1|" + ada + "|" + step.pseudonym("5551234", Mask.DIGITS)
        + "|" + step.pseudonym("Ada", Mask.HEX));
    assertThat(masked.get(1)).startsWith("2|u").contains("|null|");
    assertThat(masked.get(2)).startsWith("3|" + ada + "|");
    assertThat(ada).matches("u[0-9a-f]{16}@example\\.invalid");
    assertThat(step.pseudonym("5551234", Mask.DIGITS)).matches("[0-9]{7}");
    assertThat(String.join("", masked)).doesNotContain("example.com").doesNotContain("Ada");

    // a second application (even without the ledger) masks nothing again
    exec(db, "DELETE FROM cutover_ledger");
    MigrationRunner.builder().connections(factory(db)).build().run(List.of(step));
    assertThat(rows(db)).isEqualTo(masked);
  }

  @Test
  void differentKeys_giveDifferentPseudonymsAndChecksums() {
    byte[] other = "another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8);
    assertThat(step(KEY).pseudonym("x", Mask.HEX)).isNotEqualTo(step(other).pseudonym("x", Mask.HEX));
    assertThat(step(KEY).checksum()).isNotEqualTo(step(other).checksum());
    assertThat(step(KEY).checksum()).isEqualTo(step(KEY.clone()).checksum());
    assertThatThrownBy(() -> MaskingStep.builder().key(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes");
  }
}

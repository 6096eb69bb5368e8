package dev.cutover.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlChecksumTest {
  @Test
  void checksum_ignoresLineEndingsAndTrailingWhiteSpace() {
    SqlStep unix = SqlStep.of("a", "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n");
    SqlStep windows = SqlStep.of("a", "CREATE TABLE t (id INT);  \r\nINSERT INTO t VALUES (1);\t\r\n\r\n");
    SqlStep oldMac = SqlStep.of("a", "\uFEFFCREATE TABLE t (id INT);\rINSERT INTO t VALUES (1);");
    assertThat(windows.checksum()).isEqualTo(unix.checksum());
    assertThat(oldMac.checksum()).isEqualTo(unix.checksum());
  }

  @Test
  void checksum_changesWithContentAndLeadingWhiteSpace() {
    SqlStep a = SqlStep.of("a", "INSERT INTO t VALUES (1)");
    assertThat(SqlStep.of("a", "INSERT INTO t VALUES (2)").checksum()).isNotEqualTo(a.checksum());
    assertThat(SqlStep.of("a", "  INSERT INTO t VALUES (1)").checksum()).isNotEqualTo(a.checksum());
    assertThat(a.checksum()).matches("[0-9a-f]{64}");
  }

  @Test
  void split_respectsStringsCommentsAndDollarQuotes() {
    SqlStep s = SqlStep.of("a", "INSERT INTO t VALUES ('a;b'); -- c;d\n"
        + "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;"
        + "/* x; y */ INSERT INTO \"we;ird\" VALUES (1);;");
    assertThat(s.statements()).hasSize(3);
    assertThat(s.statements().get(1)).contains("$body$ SELECT 1; $body$");
  }

  @Test
  void placeholders_areSubstitutedAndCoveredByTheChecksum() {
    SqlStep a = SqlStep.builder().id("a").sql("CREATE TABLE ${schema}.t (id INT)")
        .placeholder("schema", "app").build();
    SqlStep b = SqlStep.builder().id("a").sql("CREATE TABLE ${schema}.t (id INT)")
        .placeholders(Map.of("schema", "other")).build();
    assertThat(a.sql()).isEqualTo("CREATE TABLE app.t (id INT)");
    assertThat(a.checksum()).isNotEqualTo(b.checksum());
  }

  @Test
  void builder_refusesBadInput() {
    assertThatThrownBy(() -> SqlStep.builder().id("a").sql("SELECT ${missing}").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'${missing}' has no value");
    assertThatThrownBy(() -> SqlStep.builder().id(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> SqlStep.builder().id("a").id("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SqlStep.builder().id("a").sql("  -- only a comment\n").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sql statement");
    assertThatThrownBy(() -> SqlStep.builder().id("a").resource("nope/missing.sql").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope/missing.sql' not found");
    assertThatThrownBy(() -> SqlStep.builder().id("a").build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resource_isReadFromTheClasspath() {
    SqlStep s = SqlStep.builder().id("r").resource("db/V1__accounts.sql")
        .placeholder("table", "accounts").build();
    assertThat(s.statements()).hasSize(2);
    assertThat(s.sql()).contains("CREATE TABLE accounts");
  }

  @Test
  void evidence_refusesFloatingPointAndHugeNumbers() {
    assertThatThrownBy(() -> Evidence.of("x", 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write decimals as strings");
    assertThatThrownBy(() -> Evidence.of("x", 1L << 60))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^53");
    assertThat(Evidence.of("b", 2, "a", "s")).containsExactly(
        Map.entry("a", "s"), Map.entry("b", 2L));
  }
}

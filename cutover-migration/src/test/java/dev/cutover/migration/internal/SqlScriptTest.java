package dev.cutover.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlScriptTest {
  @Test
  void standardSql_keepsBackslashesLiteralOutsideEscapeStrings() {
    // H2 and PostgreSQL: 'C:\' is a whole string, so the ';' after it ends the statement
    assertThat(SqlScript.split("INSERT INTO p VALUES ('C:\\'); SELECT 1"))
        .containsExactly("INSERT INTO p VALUES ('C:\\')", "SELECT 1");
    // PostgreSQL's E'...' strings do escape
    assertThat(SqlScript.split("SELECT E'it\\'s; fine'; SELECT e'\\\\'; SELECT 2"))
        .containsExactly("SELECT E'it\\'s; fine'", "SELECT e'\\\\'", "SELECT 2");
    // a word that ends in E before a quote is not an escape-string prefix
    assertThat(SqlScript.split("SELECT 1 WHERE a LIKE'\\'; SELECT 2"))
        .containsExactly("SELECT 1 WHERE a LIKE'\\'", "SELECT 2");
  }

  @Test
  void mysql_honoursBackslashEscapesInStringsButNotInBackticks() {
    String script = "CREATE TABLE bs (v VARCHAR(50));\n"
        + "INSERT INTO bs VALUES ('it\\'s; fine');\n"
        + "INSERT INTO bs VALUES (\"say \\\"hi\\\"; twice\");\n"
        + "SELECT `odd\\`; SELECT 3";
    assertThat(SqlScript.split(script, true)).containsExactly(
        "CREATE TABLE bs (v VARCHAR(50))",
        "INSERT INTO bs VALUES ('it\\'s; fine')",
        "INSERT INTO bs VALUES (\"say \\\"hi\\\"; twice\")",
        "SELECT `odd\\`",
        "SELECT 3");
    // the same script read as standard SQL ends the first string at the backslash
    assertThat(SqlScript.split(script, false)).element(1).isEqualTo("INSERT INTO bs VALUES ('it\\'s");
  }

  @Test
  void mysql_hashStartsAComment_andDollarsAreNotQuotes() {
    assertThat(SqlScript.split("SELECT 1; # don't; split here\nSELECT $a$; SELECT 2", true))
        .containsExactly("SELECT 1", "# don't; split here\nSELECT $a$", "SELECT 2");
    assertThat(SqlScript.split("SELECT $$a;b$$; SELECT 2", false))
        .containsExactly("SELECT $$a;b$$", "SELECT 2");
  }

  @Test
  void mysql_delimiterLinesChangeTheDelimiter() {
    String script = "CREATE TABLE t (n INT);\n"
        + "DELIMITER //\n"
        + "CREATE PROCEDURE add_two()\nBEGIN\n  INSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (2);\nEND//\n"
        + "  delimiter ;\r\n"
        + "CALL add_two();\n";
    assertThat(SqlScript.split(script, true)).containsExactly(
        "CREATE TABLE t (n INT)",
        "CREATE PROCEDURE add_two()\nBEGIN\n  INSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (2);\nEND",
        "CALL add_two()");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CREATE TABLE t (id INT)", "alter table t add c int", "DROP VIEW v", "TRUNCATE t",
      "RENAME TABLE a TO b", "COMMENT ON TABLE t IS 'x'", "GRANT SELECT ON t TO u",
      "REVOKE SELECT ON t FROM u", "LOCK TABLES t WRITE", "UNLOCK TABLES", "ANALYZE TABLE t",
      "OPTIMIZE TABLE t", "REPAIR TABLE t", "CHECK TABLE t", "FLUSH PRIVILEGES",
      "SET PASSWORD FOR u = PASSWORD('x')", "CACHE INDEX t IN c", "LOAD INDEX INTO CACHE t",
      "INSTALL PLUGIN p SONAME 'p.so'", "-- why\n/* how */ GRANT ALL ON t TO u"})
  void statementsThatCommitImplicitlyWithoutTransactionalDdl_areDdl(String statement) {
    assertThat(SqlScript.isDdl(statement)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 1", "INSERT INTO created VALUES (1)", "UPDATE t SET a = 1", "ANALYZE t",
      "SET search_path = x", "LOAD DATA INFILE 'f' INTO TABLE t", "CREATED", "-- CREATE\nSELECT 1"})
  void dataStatements_areNotDdl(String statement) {
    assertThat(SqlScript.isDdl(statement)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "VACUUM", "vacuum analyze t", "CREATE INDEX CONCURRENTLY i ON t (a)",
      "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)", "DROP INDEX CONCURRENTLY i",
      "REINDEX INDEX CONCURRENTLY i", "REINDEX (VERBOSE) TABLE CONCURRENTLY t", "CREATE DATABASE d",
      "DROP DATABASE d", "CREATE TABLESPACE s LOCATION '/x'", "ALTER SYSTEM SET work_mem = '1MB'",
      "BEGIN", "START TRANSACTION", "COMMIT", "END", "ROLLBACK", "PREPARE TRANSACTION 'x'"})
  void statementsThatCannotRunInATransaction_needAutoCommit(String statement) {
    assertThat(SqlScript.needsAutoCommit(statement)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CREATE INDEX i ON t (a)", "CREATE TABLE concurrently (a INT)", "ROLLBACK TO SAVEPOINT s",
      "ROLLBACK WORK TO s", "SAVEPOINT s", "SELECT 1", "ALTER TABLE t ADD c INT"})
  void otherStatements_runInATransaction(String statement) {
    assertThat(SqlScript.needsAutoCommit(statement)).isFalse();
  }

  @Test
  void split_dropsEmptyStatementsAndComments() {
    assertThat(SqlScript.split(";;\n-- only a comment\n;SELECT 1;", false)).isEqualTo(List.of("SELECT 1"));
    assertThat(SqlScript.split(";;\n# only a comment\n;SELECT 1;", true)).isEqualTo(List.of("SELECT 1"));
  }
}

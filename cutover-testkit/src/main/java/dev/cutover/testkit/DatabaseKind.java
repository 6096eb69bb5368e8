package dev.cutover.testkit;

/**
 * Which database a {@link CutoverTest} runs against. Every test gets a database of its own that is
 * created before it and dropped after it, so runs never see each other's data.
 */
public enum DatabaseKind {
  /** H2 embedded, in memory, private to the test; always available. */
  H2,
  /**
   * A PostgreSQL server: the one named by {@code cutover.test.jdbcUrl} / {@code
   * CUTOVER_TEST_JDBC_URL} when that is a PostgreSQL URL, else {@code 127.0.0.1:5432} as {@code
   * postgres}.
   */
  POSTGRESQL,
  /**
   * A MariaDB (or MySQL) server: the one named by {@code cutover.test.jdbcUrl} / {@code
   * CUTOVER_TEST_JDBC_URL} when that is a MariaDB or MySQL URL, else {@code 127.0.0.1:3306} as
   * {@code root}.
   */
  MARIADB,
  /**
   * The server named by the system property {@code cutover.test.jdbcUrl} or the environment
   * variable {@code CUTOVER_TEST_JDBC_URL} (with {@code .user}/{@code _USER} and {@code
   * .password}/{@code _PASSWORD}); a private H2 database when neither is set or the URL is an H2
   * one. Lets one suite run on H2 on a laptop and on the production database in CI.
   */
  FROM_ENVIRONMENT
}

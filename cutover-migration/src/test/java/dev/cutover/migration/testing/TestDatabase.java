package dev.cutover.migration.testing;

/** The database servers that Cutover's own tests run against. */
public enum TestDatabase {
  /** H2 embedded, in memory; always available. */
  H2("H2"),
  /** The PostgreSQL server on 127.0.0.1:5432 (trust auth). */
  POSTGRESQL("PostgreSQL"),
  /** The MariaDB server on 127.0.0.1:3306 (root, empty password). */
  MARIADB("MariaDB");

  private final String displayName;

  TestDatabase(String displayName) {
    this.displayName = displayName;
  }

  /** The name shown in test reports, e.g. {@code PostgreSQL}. */
  public String displayName() {
    return displayName;
  }
}

package dev.cutover.benchmarks.peers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database created for one measurement and dropped afterwards. */
final class BenchDatabase implements AutoCloseable {
  /** The servers the comparison runs on. */
  enum Kind {
    H2,
    POSTGRESQL
  }

  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";

  private final Kind kind;
  private final String name;
  private final String url;

  private BenchDatabase(Kind kind, String name, String url) {
    this.kind = kind;
    this.name = name;
    this.url = url;
  }

  static BenchDatabase create(Kind kind) throws SQLException {
    String name = "cutover_b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (kind == Kind.H2) {
      return new BenchDatabase(kind, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }
    try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return new BenchDatabase(kind, name, PG + name);
  }

  Kind kind() {
    return kind;
  }

  String url() {
    return url;
  }

  String user() {
    return kind == Kind.H2 ? "sa" : "postgres";
  }

  String password() {
    return "";
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user(), password());
  }

  @Override
  public void close() throws SQLException {
    if (kind == Kind.H2) {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
      return;
    }
    try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}

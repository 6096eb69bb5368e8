package dev.cutover.benchmarks.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A throw-away database for one benchmark trial: in-memory H2, or a fresh PostgreSQL database. */
final class BenchDatabase implements AutoCloseable {
  private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

  final String kind;
  final String name;
  final String url;
  final String user;

  private BenchDatabase(String kind, String name, String url, String user) {
    this.kind = kind;
    this.name = name;
    this.url = url;
    this.user = user;
  }

  static BenchDatabase create(String kind) throws SQLException {
    String name = "cutover_b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (kind.equals("H2")) {
      return new BenchDatabase(kind, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa");
    }
    if (!kind.equals("POSTGRESQL")) {
      throw new IllegalArgumentException("unknown database " + kind);
    }
    try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return new BenchDatabase(kind, name, "jdbc:postgresql://127.0.0.1:5432/" + name, "postgres");
  }

  /**
   * The URL with one driver property added, e.g. PostgreSQL's {@code reWriteBatchedInserts=true}.
   *
   * @param property {@code name=value}
   * @return the URL with the property
   */
  String urlWith(String property) {
    return url + (kind.equals("H2") ? ";" : (url.contains("?") ? "&" : "?")) + property;
  }

  /**
   * A factory that hands out one open connection again and again, as a connection pool would;
   * closing it does nothing. Not thread-safe: for one benchmark thread.
   */
  dev.cutover.migration.jdbc.ConnectionFactory pooled() throws SQLException {
    Connection real = connect();
    Connection shared = (Connection) java.lang.reflect.Proxy.newProxyInstance(
        Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return new dev.cutover.migration.jdbc.ConnectionFactory() {
      @Override
      public Connection open() {
        return shared;
      }

      @Override
      public String describe() {
        return url + " (pooled)";
      }
    };
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  /**
   * Empties the database (outside measurement). On PostgreSQL the database is dropped and created
   * again under the same name, then a {@code CHECKPOINT} writes out the dirty pages: dropping
   * 1,000 tables in place leaves dead catalog rows, unlinked files and dirty buffers whose cleanup
   * (autovacuum, the next checkpoint) would otherwise land inside the next measurement.
   */
  void reset() throws SQLException {
    if (kind.equals("H2")) {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        s.execute("DROP ALL OBJECTS");
      }
      return;
    }
    try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + name);
      s.execute("CHECKPOINT");
    }
  }

  @Override
  public void close() throws SQLException {
    if (kind.equals("H2")) {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
      return;
    }
    try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}

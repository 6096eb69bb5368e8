package dev.cutover.testkit;

import dev.cutover.migration.jdbc.ConnectionFactory;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.opentest4j.TestAbortedException;

/**
 * A database that exists for one test: a private in-memory H2 database, or a database with a
 * unique name created on a real PostgreSQL or MariaDB server and dropped by {@link #close()}.
 * {@link CutoverTest} injects one; property tests and other code open one with {@link
 * #open(DatabaseKind)}.
 *
 * <p>A server that cannot be reached skips the test ({@link TestAbortedException}), or fails it
 * when the environment variable {@code CI} is {@code true} or the system property {@code
 * cutover.test.requireDatabase} is set. Messages and {@link #toString()} never contain the
 * password. Thread-safe; {@link #close()} is idempotent.
 */
public final class TestDatabase implements AutoCloseable {
  private final DatabaseKind kind;
  private final String name;
  private final String url;
  private final ServerSettings server;
  private final ConnectionFactory connections;
  private boolean closed;

  private TestDatabase(DatabaseKind kind, String name, String url, ServerSettings server) {
    this.kind = kind;
    this.name = name;
    this.url = url;
    this.server = server;
    String user = server == null ? "sa" : server.user();
    String password = server == null ? "" : server.password();
    this.connections = ConnectionFactory.of(url, user, password);
  }

  /**
   * Creates a fresh database of the given kind.
   *
   * @param kind which database; {@link DatabaseKind#FROM_ENVIRONMENT} resolves to the configured
   *     server, or H2 when none is configured
   * @return the database, empty
   * @throws NullPointerException if kind is null
   * @throws TestAbortedException if the server is unreachable and not required
   * @throws IllegalStateException if the server is unreachable and required
   */
  public static TestDatabase open(DatabaseKind kind) {
    Objects.requireNonNull(kind, "kind");
    String name = "cutover_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    Optional<ServerSettings> settings = ServerSettings.resolve(kind);
    if (settings.isEmpty()) {
      return new TestDatabase(
          DatabaseKind.H2, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null);
    }
    ServerSettings s = settings.get();
    try (Connection c = admin(s);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      String why =
          "cannot create a test database on " + s + " (" + e.getMessage() + ")";
      if (ServerSettings.required()) {
        throw new IllegalStateException(
            why + "; CI or " + ServerSettings.REQUIRE_PROPERTY + " is set, so this fails", e);
      }
      throw new TestAbortedException("skipped: " + why);
    }
    return new TestDatabase(s.kind(), name, ServerSettings.withDatabase(s.adminUrl(), name), s);
  }

  private static Connection admin(ServerSettings s) throws SQLException {
    Properties p = new Properties();
    if (s.user() != null) {
      p.setProperty("user", s.user());
    }
    p.setProperty("password", s.password());
    DriverManager.setLoginTimeout(5);
    return DriverManager.getConnection(s.adminUrl(), p);
  }

  /**
   * Which server the database lives on: H2, POSTGRESQL or MARIADB (never FROM_ENVIRONMENT).
   *
   * @return the kind
   */
  public DatabaseKind kind() {
    return kind;
  }

  /**
   * The database's unique name, e.g. {@code cutover_t_3f2a09c1d4e5b6a7}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The JDBC URL of this database, without a password.
   *
   * @return the url
   */
  public String url() {
    return ServerSettings.redact(url);
  }

  /**
   * Opens connections to this database (thread-safe; each call a new connection).
   *
   * @return the connection factory
   */
  public ConnectionFactory connections() {
    return connections;
  }

  /**
   * Opens a new connection in auto-commit mode; the caller closes it.
   *
   * @return the connection
   * @throws dev.cutover.migration.jdbc.DatabaseUnavailableException if it cannot be opened
   */
  public Connection connect() {
    return connections.connect();
  }

  /**
   * The database's dialect.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    switch (kind) {
      case POSTGRESQL:
        return Dialect.POSTGRESQL;
      case MARIADB:
        return Dialect.MARIADB;
      default:
        return Dialect.H2;
    }
  }

  /**
   * Drops the database (H2: shuts it down). Idempotent.
   *
   * @throws IllegalStateException if the server refuses to drop it
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (server == null) {
        try (Connection c = connect();
            Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      } else {
        try (Connection c = admin(server);
            Statement s = c.createStatement()) {
          s.execute(
              kind == DatabaseKind.POSTGRESQL
                  ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                  : "DROP DATABASE IF EXISTS " + name.toLowerCase(Locale.ROOT));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot drop test database " + this + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return kind + " " + name + " (" + url() + ")";
  }
}

package dev.cutover.migration.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A database created for one test and dropped when it is closed, so that runs never see each
 * other's data. On PostgreSQL and MariaDB it is a whole database with a unique name; on H2 a
 * private in-memory database.
 */
public final class FreshDatabase implements AutoCloseable {
  private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final String MARIADB_ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/";

  private final TestDatabase kind;
  private final String name;
  private final String url;
  private final String user;
  private boolean closed;

  private FreshDatabase(TestDatabase kind, String name, String url, String user) {
    this.kind = kind;
    this.name = name;
    this.url = url;
    this.user = user;
  }

  /**
   * Creates a fresh database of the given kind.
   *
   * @throws SQLException if the server is unreachable or refuses
   */
  public static FreshDatabase create(TestDatabase kind) throws SQLException {
    String name = "cutover_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    switch (kind) {
      case H2:
        return new FreshDatabase(
            kind, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa");
      case POSTGRESQL:
        try (Connection c = admin(kind);
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
        return new FreshDatabase(
            kind, name, "jdbc:postgresql://127.0.0.1:5432/" + name, "postgres");
      case MARIADB:
        try (Connection c = admin(kind);
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
        return new FreshDatabase(kind, name, "jdbc:mariadb://127.0.0.1:3306/" + name, "root");
      default:
        throw new IllegalArgumentException("unknown database kind " + kind);
    }
  }

  /** Opens a connection to the server's administrative database; used to probe reachability. */
  static Connection admin(TestDatabase kind) throws SQLException {
    Properties p = new Properties();
    switch (kind) {
      case POSTGRESQL:
        p.setProperty("user", "postgres");
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(PG_ADMIN_URL, p);
      case MARIADB:
        p.setProperty("user", "root");
        p.setProperty("connectTimeout", "3000");
        return DriverManager.getConnection(MARIADB_ADMIN_URL, p);
      default:
        return DriverManager.getConnection("jdbc:h2:mem:", "sa", "");
    }
  }

  /** Which server this database lives on. */
  public TestDatabase kind() {
    return kind;
  }

  /** The database's unique name, e.g. {@code cutover_t_3f2a...}. */
  public String name() {
    return name;
  }

  /** The JDBC URL of this database (no password: the test servers use trust auth). */
  public String url() {
    return url;
  }

  /** The user to connect as. */
  public String user() {
    return user;
  }

  /** The password to connect with (always empty on the test servers). */
  public String password() {
    return "";
  }

  /** Opens a new connection to this database, in auto-commit mode. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password());
  }

  @Override
  public String toString() {
    return kind.displayName() + " " + name;
  }

  /** Drops the database. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    switch (kind) {
      case H2:
        try (Connection c = connect();
            Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
        break;
      case POSTGRESQL:
        try (Connection c = admin(kind);
            Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        break;
      case MARIADB:
        try (Connection c = admin(kind);
            Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + name.toLowerCase(Locale.ROOT));
        }
        break;
      default:
        break;
    }
  }
}

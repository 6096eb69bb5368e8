package dev.cutover.migration.jdbc;

import dev.cutover.migration.internal.Redaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens connections to one database. Implementations must be thread-safe; every call returns a
 * new (or pooled) connection that the caller closes.
 *
 * <p>{@link #describe()} names the database in messages and must never contain a password.
 */
public interface ConnectionFactory {
  /**
   * Opens a connection.
   *
   * @return an open connection, in auto-commit mode
   * @throws SQLException if the database cannot be reached
   */
  Connection open() throws SQLException;

  /** Names the database for messages, without secrets (e.g. its JDBC URL without password). */
  default String describe() {
    return "database";
  }

  /**
   * Opens a connection and turns a failure into a {@link DatabaseUnavailableException} that names
   * the database.
   *
   * @return an open connection
   * @throws DatabaseUnavailableException if the database cannot be reached
   */
  default Connection connect() {
    try {
      return open();
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(describe(), e);
    }
  }

  /**
   * A factory over {@link DriverManager}.
   *
   * @param url the JDBC URL
   * @param user the user, or null
   * @param password the password, or null; never shown in messages
   * @return the factory
   */
  static ConnectionFactory of(String url, String user, String password) {
    Objects.requireNonNull(url, "url");
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    String safe = redact(url);
    java.util.List<String> secrets = new java.util.ArrayList<>();
    if (password != null && !password.isEmpty()) {
      secrets.add(password);
    }
    secrets.addAll(Redaction.secrets(url));
    return new ConnectionFactory() {
      @Override
      public Connection open() throws SQLException {
        try {
          return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
          String msg = String.valueOf(e.getMessage());
          boolean leaked = false;
          for (String secret : secrets) {
            if (msg.contains(secret)) {
              msg = msg.replace(secret, "***");
              leaked = true;
            }
          }
          if (!leaked) {
            throw e;
          }
          // the driver echoed a secret: replace the exception, keep its state and stack
          SQLException clean = new SQLException(msg, e.getSQLState(), e.getErrorCode());
          clean.setStackTrace(e.getStackTrace());
          throw clean;
        }
      }

      @Override
      public String describe() {
        return safe;
      }

      @Override
      public String toString() {
        return safe;
      }
    };
  }

  /**
   * A factory over a {@link DataSource}.
   *
   * @param dataSource the data source
   * @param description names the database in messages; must not contain secrets
   * @return the factory
   */
  static ConnectionFactory of(DataSource dataSource, String description) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(description, "description");
    String safe = redact(description);
    return new ConnectionFactory() {
      @Override
      public Connection open() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public String describe() {
        return safe;
      }

      @Override
      public String toString() {
        return safe;
      }
    };
  }

  /**
   * Removes passwords from a JDBC URL or a message that may contain one: {@code password=...}
   * parameters and {@code user:password@} credentials. A parameter's value ends at {@code &} or
   * white space, so on H2, whose parameters {@code ;} separates, the settings after the password
   * are hidden with it: hiding too much is the safe side.
   *
   * @param text a URL or message
   * @return the text with every password replaced by {@code ***}
   */
  static String redact(String text) {
    return Redaction.redact(Objects.requireNonNull(text, "text"));
  }
}

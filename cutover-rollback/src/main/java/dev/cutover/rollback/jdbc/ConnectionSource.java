package dev.cutover.rollback.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a {@link TableScope} gets its connections, e.g. {@code dataSource::getConnection}. Each
 * call must return a new (or pooled) connection to the same database and schema; the scope closes
 * it when done. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ConnectionSource {
  /**
   * Opens a connection.
   *
   * @return an open connection, owned by the caller
   * @throws SQLException if no connection can be opened
   */
  Connection connect() throws SQLException;
}

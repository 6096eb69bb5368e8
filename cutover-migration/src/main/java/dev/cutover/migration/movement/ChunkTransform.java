package dev.cutover.migration.movement;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Transforms the rows of one key range of a table, inside the chunk's transaction. Must not
 * commit. Must change only rows in the range, so that each chunk runs exactly once.
 */
@FunctionalInterface
public interface ChunkTransform {
  /**
   * Transforms the rows with {@code fromExclusive < key <= toInclusive}.
   *
   * @param connection the connection, in the chunk's transaction
   * @param fromExclusive lower bound, exclusive
   * @param toInclusive upper bound, inclusive
   * @return the number of rows changed
   * @throws SQLException if the database refuses
   */
  long transform(Connection connection, long fromExclusive, long toInclusive) throws SQLException;
}

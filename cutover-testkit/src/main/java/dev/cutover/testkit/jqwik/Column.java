package dev.cutover.testkit.jqwik;

import dev.cutover.migration.jdbc.Dialect;
import java.util.Objects;

/**
 * One column of a {@link TableSchema}.
 *
 * @param name a plain SQL identifier
 * @param type the type
 * @param size for VARCHAR the maximum length, for DECIMAL the precision; ignored otherwise
 * @param scale for DECIMAL the digits after the point; ignored otherwise
 * @param nullable whether generated rows may hold NULL here
 */
public record Column(String name, ColumnType type, int size, int scale, boolean nullable) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if name or type is null
   * @throws IllegalArgumentException if the name is not a plain identifier, or the size or scale
   *     does not fit the type
   */
  public Column {
    Dialect.checkIdentifier("column", name);
    Objects.requireNonNull(type, "type");
    if (type == ColumnType.VARCHAR && size < 1) {
      throw new IllegalArgumentException("varchar column '" + name + "' needs a length of at least 1, got " + size);
    }
    if (type == ColumnType.DECIMAL && (size < 1 || size > 38 || scale < 0 || scale > size)) {
      throw new IllegalArgumentException("decimal column '" + name + "' needs 1 <= precision <= 38 and"
          + " 0 <= scale <= precision, got (" + size + ", " + scale + ")");
    }
  }

  /**
   * A NOT NULL column of a type without size.
   *
   * @param name the name
   * @param type BIGINT, INTEGER, BOOLEAN or TIMESTAMP
   * @return the column
   */
  public static Column of(String name, ColumnType type) {
    return new Column(name, type, 0, 0, false);
  }

  /**
   * A NOT NULL VARCHAR column.
   *
   * @param name the name
   * @param length the maximum length
   * @return the column
   */
  public static Column varchar(String name, int length) {
    return new Column(name, ColumnType.VARCHAR, length, 0, false);
  }

  /**
   * A NOT NULL DECIMAL column.
   *
   * @param name the name
   * @param precision total digits
   * @param scale digits after the point
   * @return the column
   */
  public static Column decimal(String name, int precision, int scale) {
    return new Column(name, ColumnType.DECIMAL, precision, scale, false);
  }

  /**
   * This column, allowing NULL.
   *
   * @return the nullable copy
   */
  public Column orNull() {
    return new Column(name, type, size, scale, true);
  }
}

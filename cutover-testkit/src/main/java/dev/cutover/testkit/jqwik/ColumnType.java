package dev.cutover.testkit.jqwik;

/** The column types {@link CutoverArbitraries#rows} can generate values for. */
public enum ColumnType {
  /** A 64-bit integer; generated values are {@link Long}. */
  BIGINT,
  /** A 32-bit integer; generated values are {@link Integer}. */
  INTEGER,
  /**
   * An exact decimal with the column's scale (e.g. money); generated values are {@link
   * java.math.BigDecimal}.
   */
  DECIMAL,
  /** Text up to the column's length; generated values are {@link String}. */
  VARCHAR,
  /** A boolean; generated values are {@link Boolean}. */
  BOOLEAN,
  /**
   * A timestamp without time zone, whole milliseconds; generated values are {@link
   * java.time.LocalDateTime}.
   */
  TIMESTAMP
}

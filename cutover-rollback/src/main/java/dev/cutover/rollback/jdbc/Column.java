package dev.cutover.rollback.jdbc;

/**
 * One column as {@link java.sql.DatabaseMetaData#getColumns} describes it.
 *
 * @param name the column's name as the database stores it
 * @param sqlType the {@link java.sql.Types} code
 * @param typeName the database's own type name, e.g. {@code int4} or {@code CHARACTER VARYING}
 * @param size the column size (length or precision), 0 if none
 * @param scale the decimal digits, 0 if none
 * @param nullable whether the column accepts nulls
 * @param keyPosition the 1-based position in the primary key, 0 if not part of it
 */
record Column(
    String name,
    int sqlType,
    String typeName,
    int size,
    int scale,
    boolean nullable,
    int keyPosition) {
  Family family() {
    return Family.of(sqlType, typeName);
  }

  /** The same column with another type name. */
  Column withTypeName(String type) {
    return new Column(name, sqlType, type, size, scale, nullable, keyPosition);
  }
}

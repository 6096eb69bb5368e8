/**
 * Connections and SQL dialects: {@link dev.cutover.migration.jdbc.ConnectionFactory} opens
 * connections and names its database without secrets, {@link dev.cutover.migration.jdbc.Dialect}
 * says what a database can do (transactional DDL, identifier quoting, column types) and is
 * detected from a connection's metadata.
 */
package dev.cutover.migration.jdbc;

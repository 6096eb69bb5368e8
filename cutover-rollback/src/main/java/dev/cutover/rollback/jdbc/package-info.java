/**
 * Database tables and key ranges as snapshot scopes: {@link
 * dev.cutover.rollback.jdbc.TableScope} captures rows together with each table's definition, on
 * PostgreSQL through {@code COPY}, elsewhere (H2, MariaDB) through streaming reads and batched
 * writes, and digests them with an encoding that is the same on every database.
 */
package dev.cutover.rollback.jdbc;

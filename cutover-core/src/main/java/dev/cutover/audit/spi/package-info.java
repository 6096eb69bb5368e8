/**
 * The storage SPI of the audit log. {@link dev.cutover.audit.spi.AuditStore} stores entries that
 * the log has already sequenced and hashed, in order, with the expected seq and previous hash
 * checked at append (fencing), so a database table with a unique seq can implement it. The built-in
 * stores are in memory and a single JSON Lines file with group commit.
 */
package dev.cutover.audit.spi;

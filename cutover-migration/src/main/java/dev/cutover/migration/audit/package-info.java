/**
 * A table-backed store for the audit log ({@link dev.cutover.audit.spi.AuditStore}), so that the
 * service instances that share a database share one hash-chained log.
 */
package dev.cutover.migration.audit;

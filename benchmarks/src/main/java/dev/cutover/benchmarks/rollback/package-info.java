/**
 * JMH benchmarks of snapshots and restores: tables on PostgreSQL (beside plain {@code COPY}) and
 * on H2, and the file-system store's write throughput beside a plain file copy.
 */
package dev.cutover.benchmarks.rollback;

/**
 * Validation checkpoints that return evidence for the log and can serve as actions or gate
 * criteria: row counts, order-independent content digests with a canonical row encoding that is
 * the same on H2, PostgreSQL and MariaDB, referential integrity (orphans), and business
 * invariants declared by the host.
 */
package dev.cutover.migration.validation;

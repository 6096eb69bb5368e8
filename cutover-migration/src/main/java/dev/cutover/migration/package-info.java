/**
 * Idempotent migration steps and the ledger that records them in the target database.
 *
 * <p>A {@link dev.cutover.migration.MigrationStep} has a stable id, a checksum of its definition
 * and an idempotence contract ({@code isApplied}). A {@link dev.cutover.migration.MigrationRunner}
 * applies a list of steps against a database: it reads the ledger once, skips what is applied,
 * refuses checksum drift ({@link dev.cutover.migration.ChecksumDriftException}) unless accepted,
 * and commits each step's effect together with its ledger row where the database has
 * transactional DDL. Steps out of the box: {@link dev.cutover.migration.SqlStep} and {@link
 * dev.cutover.migration.JavaStep}; data movement, validation, reconciliation and masking live in
 * the sub-packages.
 */
package dev.cutover.migration;

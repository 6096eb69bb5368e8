/**
 * Runs migration steps as tasks of a cutover engine: {@link
 * dev.cutover.migration.engine.MigrationAction} adapts a {@link
 * dev.cutover.migration.MigrationStep} to the engine's {@link dev.cutover.engine.spi.TaskAction},
 * with its ledger row linked to the audit entry that recorded the task's start, and {@link
 * dev.cutover.migration.engine.JdbcLeaseStore} keeps the engine's lease in the target database.
 */
package dev.cutover.migration.engine;

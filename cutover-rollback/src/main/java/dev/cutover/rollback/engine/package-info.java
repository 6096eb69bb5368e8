/**
 * Snapshot-backed undo for the cutover engine: {@link
 * dev.cutover.rollback.engine.ScopedSnapshotProvider} is a {@link
 * dev.cutover.engine.spi.SnapshotProvider} over a {@link dev.cutover.rollback.SnapshotStore} with
 * named scopes, so a task declares {@code Undo.restore(provider, "accounts")}.
 */
package dev.cutover.rollback.engine;

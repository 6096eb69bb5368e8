/**
 * Data movement steps: {@link dev.cutover.migration.movement.CutInPlace} transforms a table in
 * key-ordered, resumable chunks; {@link dev.cutover.migration.movement.TrickleSync} copies a table
 * in batches behind a persisted watermark and finishes under a write freeze; {@link
 * dev.cutover.migration.movement.DualWriter} writes both sides and reports divergences. Progress
 * is persisted in the same transaction as each chunk, so a crash at any point resumes with no
 * duplicate and no gap.
 */
package dev.cutover.migration.movement;

/**
 * Extension points of the rollback module: {@link dev.cutover.rollback.spi.SnapshotScope}, which a
 * host implements to make its own resources snapshottable.
 */
package dev.cutover.rollback.spi;

/**
 * Verified snapshots and restores.
 *
 * <p>A {@link dev.cutover.rollback.SnapshotStore} captures a {@linkplain
 * dev.cutover.rollback.spi.SnapshotScope scope} (tables, a key range, a file tree, or a resource
 * the host defines) and returns an immutable {@link dev.cutover.rollback.SnapshotRef} that carries
 * the scope's content digest. {@link dev.cutover.rollback.SnapshotStore#restore restore} brings
 * the scope back and proves it by recomputing that digest. Restores are authorised by a {@link
 * dev.cutover.rollback.RestoreAuthorizer}, limited to the rollback window, and every restore,
 * refusal and release is reported to a {@link dev.cutover.rollback.SnapshotListener}.
 */
package dev.cutover.rollback;

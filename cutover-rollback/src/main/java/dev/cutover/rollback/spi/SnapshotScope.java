package dev.cutover.rollback.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Something that can be captured into an archive, restored from it, and digested: a set of
 * tables, a key range, a file tree ({@code dev.cutover.rollback.jdbc.TableScope}, {@code
 * dev.cutover.rollback.files.FileTreeScope}), or a resource the host defines by implementing this
 * interface.
 *
 * <p>The contract a store relies on:
 *
 * <ul>
 *   <li>{@link #capture} writes an archive of the scope's current content and returns its content
 *       digest, which equals what {@link #digest()} would have returned at that moment.
 *   <li>{@link #restore} brings the scope back to the archived content, whatever it became since;
 *       running it again after an interruption completes it (it is idempotent).
 *   <li>{@link #digest()} depends only on the logical content, never on physical order or on where
 *       the content lives, so that after a restore it equals the captured digest.
 * </ul>
 *
 * <p>Implementations must be safe to call from one thread at a time; the store never calls one
 * scope concurrently. Checked failures may be thrown as {@link IOException} (the store wraps them).
 */
public interface SnapshotScope {
  /**
   * A stable, human-readable name of the scope, used in messages, in the snapshot's metadata and to
   * check that a restore targets the captured scope, e.g. {@code tables[accounts,orders]}.
   *
   * @return the name, not blank
   */
  String name();

  /**
   * Whether this scope is marked production, so that a restore needs a quorum of approvals under
   * the built-in policy. Default {@code false}.
   *
   * @return whether the scope is production
   */
  default boolean production() {
    return false;
  }

  /**
   * Writes an archive of the scope's current content.
   *
   * @param archive where to write; the store owns it, do not close it
   * @return the content digest of what was written, lower-case hex SHA-256
   * @throws IOException if reading the scope or writing the archive fails
   */
  String capture(OutputStream archive) throws IOException;

  /**
   * Brings the scope back to the content of an archive that {@link #capture} wrote.
   *
   * @param archive the archive; the store has verified its integrity, do not close it
   * @throws IOException if reading the archive or writing the scope fails
   */
  void restore(InputStream archive) throws IOException;

  /**
   * Computes the content digest of the scope as it is now.
   *
   * @return lower-case hex SHA-256
   * @throws IOException if reading the scope fails
   */
  String digest() throws IOException;
}

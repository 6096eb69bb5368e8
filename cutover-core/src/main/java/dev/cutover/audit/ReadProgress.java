package dev.cutover.audit;

/**
 * Hears how far a log file has been read while it is opened or verified, for a progress bar.
 * Called on the reading thread, often (after every block read), so it must be quick; it must not
 * throw.
 */
@FunctionalInterface
public interface ReadProgress {
  /** Hears nothing. */
  ReadProgress NONE = (read, total) -> { };

  /**
   * Reports progress.
   *
   * @param read the bytes read so far
   * @param total the size of the file when the read began
   */
  void read(long read, long total);
}

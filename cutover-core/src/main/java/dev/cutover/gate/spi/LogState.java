package dev.cutover.gate.spi;

import java.util.Optional;

/**
 * The state of the audit log as a gate sees it, so an approval bound to a log size and root can be
 * checked: it counts only if that root is the root of the first {@code size} entries of this log.
 * Implementations must be thread-safe.
 */
public interface LogState {
  /**
   * The number of entries in the log now.
   *
   * @return the size
   */
  long size();

  /**
   * The RFC 9162 root of the first {@code size} entries, as lower-case hex.
   *
   * @param size a size from 0 to {@link #size()}
   * @return the root, or empty if {@code size} is larger than the log
   */
  Optional<String> rootAt(long size);
}

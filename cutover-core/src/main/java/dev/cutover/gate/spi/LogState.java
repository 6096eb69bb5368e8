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

  /**
   * The state of an open audit log: its current size, and the root of any prefix of it.
   *
   * @param log the log
   * @return a view that reads the log on every call
   * @throws NullPointerException if log is null
   */
  static LogState of(dev.cutover.audit.AuditLog log) {
    java.util.Objects.requireNonNull(log, "log");
    return new LogState() {
      @Override
      public long size() {
        return log.size();
      }

      @Override
      public Optional<String> rootAt(long size) {
        return size >= 0 && size <= log.size() ? Optional.of(log.root(size).hex()) : Optional.empty();
      }

      @Override
      public String toString() {
        return log.describe();
      }
    };
  }
}

package dev.cutover.audit.spi;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.Hash;
import dev.cutover.audit.RepairReport;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where an audit log keeps its entries. The log sequences and hashes entries and hands them to
 * the store one at a time, in seq order; the store keeps them in that order and reads them back.
 *
 * <p>Contract for implementors:
 *
 * <ul>
 *   <li>{@link #append} accepts an entry only if its seq equals {@link #size()} and its {@code
 *       prev} equals {@link #lastHash()}; otherwise it throws {@link LogConflictException} and
 *       stores nothing. A table-backed store enforces this with a unique seq (and, across
 *       instances, a fencing token), so two writers can never both append at one seq.
 *   <li>An append may be buffered; {@link #awaitDurable(long)} returns once every entry up to the
 *       given seq is durable. Stores whose append is durable on return keep the default.
 *   <li>{@link #read} returns entries exactly as appended (their canonical bytes unchanged).
 * </ul>
 *
 * <p>Implementations must be thread-safe.
 */
public interface AuditStore extends AutoCloseable {
  /**
   * Returns the number of entries appended so far (durable or not).
   *
   * @return the size
   */
  long size();

  /**
   * Returns the hash of the last entry.
   *
   * @return the last hash, or {@link Hash#ZERO} if the store is empty
   */
  Hash lastHash();

  /**
   * Appends an already sequenced and hashed entry.
   *
   * @param entry the entry, whose seq must be {@link #size()} and prev {@link #lastHash()}
   * @throws LogConflictException if the entry does not follow the last stored entry
   * @throws dev.cutover.audit.LogStorageException if the storage fails
   */
  void append(AuditEntry entry);

  /**
   * Waits until every entry up to {@code seq} is durable.
   *
   * @param seq the last seq that must be durable
   * @throws dev.cutover.audit.LogStorageException if the storage fails
   */
  default void awaitDurable(long seq) {}

  /**
   * Reads entries in seq order.
   *
   * @param fromSeq the first seq, inclusive
   * @param toSeq the end, exclusive, at most {@link #size()}
   * @param sink receives each entry
   * @throws IllegalArgumentException if the range is outside the store
   * @throws dev.cutover.audit.InvalidEntryException if stored data is not a valid entry
   * @throws dev.cutover.audit.LogStorageException if the storage fails
   */
  void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink);

  /**
   * Returns what opening the store repaired, if anything.
   *
   * @return the repair report, empty if nothing was repaired
   */
  default Optional<RepairReport> repairReport() {
    return Optional.empty();
  }

  /**
   * Returns a description for messages, e.g. the file name.
   *
   * @return the description
   */
  default String describe() {
    return getClass().getSimpleName();
  }

  /**
   * Releases the store's resources. Entries already returned durable stay durable.
   *
   * @throws dev.cutover.audit.LogStorageException if closing fails
   */
  @Override
  void close();
}

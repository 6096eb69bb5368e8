package dev.cutover.audit;

import dev.cutover.audit.spi.AuditStore;
import dev.cutover.audit.spi.LogConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Keeps entries in a list. Thread-safe. */
final class InMemoryAuditStore implements AuditStore {
  private final List<AuditEntry> entries = new ArrayList<>();
  private Hash last = Hash.ZERO;

  @Override
  public synchronized long size() {
    return entries.size();
  }

  @Override
  public synchronized Hash lastHash() {
    return last;
  }

  @Override
  public synchronized void append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    Stores.checkNext(entry, entries.size(), last, describe());
    entries.add(entry);
    last = entry.hash();
  }

  @Override
  public void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink) {
    List<AuditEntry> copy;
    synchronized (this) {
      Stores.checkRange(fromSeq, toSeq, entries.size());
      copy = new ArrayList<>(entries.subList((int) fromSeq, (int) toSeq));
    }
    copy.forEach(sink);
  }

  @Override
  public String describe() {
    return "in-memory log";
  }

  @Override
  public void close() {}

  /** Shared checks of the built-in stores. */
  static final class Stores {
    private Stores() {}

    static void checkNext(AuditEntry entry, long size, Hash last, String store) {
      if (entry.seq() != size) {
        throw new LogConflictException(size, entry.seq(), store + ": expected an entry at seq " + size + ", got seq " + entry.seq());
      }
      if (!entry.prev().equals(last)) {
        throw new LogConflictException(
            size, entry.seq(), store + ": entry at seq " + size + " has prev " + entry.prev() + " but the last stored hash is " + last);
      }
    }

    static void checkRange(long from, long to, long size) {
      if (from < 0 || from > to || to > size) {
        throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside the log (size " + size + ")");
      }
    }
  }
}

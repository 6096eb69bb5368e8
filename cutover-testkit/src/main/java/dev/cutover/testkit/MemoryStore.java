package dev.cutover.testkit;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.Hash;
import dev.cutover.audit.spi.AuditStore;
import dev.cutover.audit.spi.LogConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The "disk" of a crash exploration: an audit store that outlives the logs opened over it, so a
 * resumed engine reopens (and re-verifies) exactly what the crashed one made durable.
 */
final class MemoryStore implements AuditStore {
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
    if (entry.seq() != entries.size() || !entry.prev().equals(last)) {
      throw new LogConflictException(entries.size(), entry.seq(),
          "expected an entry at seq " + entries.size() + " after " + last + ", got seq " + entry.seq());
    }
    entries.add(entry);
    last = entry.hash();
  }

  @Override
  public void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink) {
    List<AuditEntry> copy;
    synchronized (this) {
      copy = List.copyOf(entries.subList((int) fromSeq, (int) Math.min(toSeq, entries.size())));
    }
    copy.forEach(sink);
  }

  @Override
  public String describe() {
    return "crash-exploration memory store";
  }

  @Override
  public void close() {
    // The store is the disk: it survives every simulated crash.
  }
}

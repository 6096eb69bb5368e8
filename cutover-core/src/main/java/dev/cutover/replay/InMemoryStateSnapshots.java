package dev.cutover.replay;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** State snapshots in memory. Thread-safe. */
final class InMemoryStateSnapshots implements StateSnapshots {
  private final ConcurrentSkipListMap<Long, byte[]> snapshots = new ConcurrentSkipListMap<>();

  @Override
  public void put(long seq, byte[] state) {
    snapshots.put(seq, state.clone());
  }

  @Override
  public Optional<Snapshot> latest(long size) {
    Map.Entry<Long, byte[]> e = snapshots.lowerEntry(size);
    return e == null ? Optional.empty() : Optional.of(new Snapshot(e.getKey(), e.getValue().clone()));
  }
}

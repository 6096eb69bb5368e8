package dev.cutover.engine;

import java.util.ArrayList;
import java.util.List;

/** A run log in memory for engine tests. */
final class MemoryRunLog implements RunLog {
  private final List<Logged> entries = new ArrayList<>();

  @Override
  public synchronized List<Logged> entries() {
    return List.copyOf(entries);
  }

  @Override
  public synchronized long append(EngineEvent event, String stateDigest) {
    long seq = entries.size();
    entries.add(new Logged(seq, event, stateDigest));
    return seq;
  }

  synchronized void replace(int index, Logged entry) {
    entries.set(index, entry);
  }
}

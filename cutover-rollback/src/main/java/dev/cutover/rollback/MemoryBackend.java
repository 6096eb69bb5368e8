package dev.cutover.rollback;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps chunks and manifests in memory; lost when the process exits. */
final class MemoryBackend implements Backend {
  private final Map<String, byte[]> chunks = new ConcurrentHashMap<>();

  @Override
  public List<Manifest> recover(SnapshotListener listener) {
    return List.of();
  }

  @Override
  public Staging stage(String id) {
    return new Staging() {
      @Override
      public void put(String hash, byte[] data, int length) {
        chunks.computeIfAbsent(hash, h -> Arrays.copyOf(data, length));
      }

      @Override
      public void commit(Manifest manifest) {}

      @Override
      public void abort() {}
    };
  }

  @Override
  public byte[] readChunk(String hash) {
    byte[] c = chunks.get(hash);
    return c == null ? null : c.clone();
  }

  @Override
  public void release(Manifest released, Collection<Manifest> remaining) {
    Set<String> live = new HashSet<>();
    for (Manifest m : remaining) {
      live.addAll(m.chunks());
    }
    chunks.keySet().retainAll(live);
  }

  @Override
  public void close() {}
}

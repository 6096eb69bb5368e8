package dev.cutover.benchmarks.rollback;

import dev.cutover.rollback.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An empty file-system store for each invocation, so that no chunk is deduplicated against an
 * earlier invocation. Invocation-level set-up is fine here: one invocation takes seconds.
 */
@State(Scope.Thread)
public class SnapshotStoreState {
  @Param({"false"})
  public boolean compression;

  SnapshotStore store;
  private Path dir;

  @Setup(Level.Invocation)
  public void open() throws Exception {
    dir = Files.createTempDirectory("cutover-bench-store");
    store = BenchStores.fileStore(dir, compression);
  }

  @TearDown(Level.Invocation)
  public void close() throws Exception {
    store.close();
    BenchStores.deleteTree(dir);
  }
}

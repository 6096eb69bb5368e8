package dev.cutover.benchmarks.rollback;

import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** Shared set-up of the rollback benchmarks. */
final class BenchStores {
  private BenchStores() {}

  static SnapshotStore fileStore(Path dir, boolean compression) {
    return SnapshotStore.onFileSystem(dir)
        .compression(compression)
        .authorizer(PrincipalAllowlist.builder().allow("bench").build())
        .retention(Duration.ofDays(1))
        .build();
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}

package dev.cutover.rollback.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.rollback.Authorization;
import dev.cutover.rollback.MutableClock;
import dev.cutover.rollback.PrincipalAllowlist;
import dev.cutover.rollback.RecordingListener;
import dev.cutover.rollback.RestoreReport;
import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.SnapshotStore;
import dev.cutover.rollback.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FileTreeRoundTripProperties {
  @Property(tries = 40)
  void restore_afterRandomMutations_bringsBackTheExactTree(
      @ForAll StoreKind kind,
      @ForAll("trees") Map<String, byte[]> tree,
      @ForAll("mutations") List<Trees.Mutation> mutations) throws Exception {
    Path dir = Files.createTempDirectory("cutover-tree");
    try {
      Path root = dir.resolve("data");
      Trees.write(root, tree);
      FileTreeScope scope = FileTreeScope.of(root);
      RecordingListener listener = new RecordingListener();
      try (SnapshotStore store =
          kind.builder(dir.resolve("store"))
              .clock(MutableClock.at("2026-11-21T10:00:00Z"))
              .authorizer(PrincipalAllowlist.builder().allow("alice").build())
              .retention(Duration.ofHours(1))
              .listener(listener)
              .build()) {
        String before = scope.digest();
        SnapshotRef ref = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
        assertThat(ref.contentDigest()).isEqualTo(before);

        for (Trees.Mutation m : mutations) {
          m.apply(root);
        }
        RestoreReport report = store.restore(ref, scope, Authorization.of("alice"));

        assertThat(scope.digest()).isEqualTo(before);
        assertThat(report.verifiedDigest()).isEqualTo(before);
        assertThat(Trees.read(root)).isEqualTo(Trees.hex(tree));
        assertThat(listener.events).contains("restored " + ref.id() + " by alice");
      }
    } finally {
      Trees.delete(dir);
    }
  }

  @Property(tries = 30)
  void digest_dependsOnContentNotOnWriteOrder(@ForAll("trees") Map<String, byte[]> tree)
      throws Exception {
    Path dir = Files.createTempDirectory("cutover-tree");
    try {
      Trees.write(dir.resolve("one"), tree);
      Map<String, byte[]> reversed = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
      reversed.putAll(tree);
      Trees.write(dir.resolve("two"), new java.util.LinkedHashMap<>(reversed));
      assertThat(FileTreeScope.of(dir.resolve("one")).digest())
          .isEqualTo(FileTreeScope.of(dir.resolve("two")).digest());
    } finally {
      Trees.delete(dir);
    }
  }

  @Provide
  Arbitrary<Map<String, byte[]>> trees() {
    return Trees.trees();
  }

  @Provide
  Arbitrary<List<Trees.Mutation>> mutations() {
    return Trees.mutations();
  }
}

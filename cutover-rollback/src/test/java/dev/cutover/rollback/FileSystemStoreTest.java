package dev.cutover.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.rollback.files.FileTreeScope;
import dev.cutover.rollback.files.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStoreTest {
  @TempDir Path dir;

  SnapshotStoreBuilder builder(boolean compression) {
    return SnapshotStore.onFileSystem(dir.resolve("store"))
        .chunkSize(4096)
        .compression(compression)
        .random(new Random(7))
        .clock(MutableClock.at("2026-11-21T10:00:00Z"))
        .authorizer(PrincipalAllowlist.builder().allow("alice").build())
        .retention(Duration.ofHours(1));
  }

  @Test
  void aStoreDirectoryThatIsAFile_isRefusedInWords() throws IOException {
    Path file = Files.writeString(dir.resolve("store"), "not a directory");
    assertThatThrownBy(() -> builder(true).build())
        .isInstanceOf(SnapshotException.class)
        .hasMessageStartingWith("cannot open snapshot store directory " + file + ": ")
        .hasMessageNotContaining("Exception");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @Test
  void anUnreadableManifest_keepsEveryChunkWhenTheStoreReopens() throws IOException {
    Path data = dir.resolve("data");
    Trees.write(data, Map.of("x/y", new byte[10_000], "z", new byte[] {1, 2, 3}));
    try (SnapshotStore store = builder(false).build()) {
      store.snapshot(FileTreeScope.of(data), SnapshotContext.of("engine", "c1", "t1"));
    }
    Path chunks = dir.resolve("store/chunks");
    long before = countFiles(chunks);
    assertThat(before).isPositive();
    try (Stream<Path> manifests = Files.list(dir.resolve("store/snapshots"))) {
      Path manifest = manifests.filter(p -> p.toString().endsWith(".snapshot")).findFirst().orElseThrow();
      Files.writeString(manifest, "size: not a number\n");
    }

    builder(false).build().close(); // opening the store recovers it and collects garbage
    assertThat(countFiles(chunks)).as("chunks of the damaged snapshot are kept").isEqualTo(before);
  }

  @Test
  void aFileTreeScopeWhoseRootIsAFile_isRefusedWhenTheSnapshotIsTaken() throws IOException {
    Path file = Files.writeString(dir.resolve("plan.yaml"), "tasks: []\n");
    try (SnapshotStore store = builder(false).build()) {
      assertThatThrownBy(() -> store.snapshot(FileTreeScope.of(file),
              SnapshotContext.of("engine", "c1", "t1")))
          .isInstanceOf(SnapshotException.class)
          .hasMessageEndingWith(": the scope's root " + file + " is a file, not a directory");
    }
    assertThat(Files.readString(file)).isEqualTo("tasks: []\n");
  }

  private static long countFiles(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void snapshots_surviveReopeningTheStore() throws IOException {
    Path data = dir.resolve("data");
    Trees.write(data, Map.of("x/y", new byte[10_000]));
    FileTreeScope scope = FileTreeScope.of(data);
    SnapshotRef ref;
    try (SnapshotStore store = builder(true).build()) {
      ref = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
    }
    Trees.delete(data);
    try (SnapshotStore store = builder(true).build()) {
      assertThat(store.list()).containsExactly(ref);
      store.restore(ref, scope, Authorization.of("alice"));
    }
    assertThat(Files.readAllBytes(data.resolve("x/y"))).hasSize(10_000);
  }

  @Test
  void identicalContent_isStoredOnceAndCompressed() throws IOException {
    Path data = dir.resolve("data");
    Trees.write(data, Map.of("zeros", new byte[100_000]));
    FileTreeScope scope = FileTreeScope.of(data);
    try (SnapshotStore store = builder(true).build()) {
      SnapshotRef a = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      SnapshotRef b = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t2"));
      assertThat(a.id()).isNotEqualTo(b.id());
      assertThat(a.archiveDigest()).isEqualTo(b.archiveDigest());
      long onDisk;
      try (Stream<Path> s = Files.walk(dir.resolve("store/chunks"))) {
        onDisk = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      assertThat(onDisk).isLessThan(a.metadata().sizeBytes() / 10);
    }
  }

  @Test
  void secondStoreOnSameDirectory_isRefusedWhileTheFirstIsOpen() {
    try (SnapshotStore store = builder(false).build()) {
      assertThatThrownBy(() -> builder(false).build())
          .isInstanceOf(SnapshotException.class)
          .hasMessageContaining("is in use by another store");
      assertThat(store.list()).isEmpty();
    }
  }

  @Test
  void failingCapture_leavesNoSnapshotBehind() {
    RecordingListener listener = new RecordingListener();
    MapScope broken = new MapScope(false) {
      @Override
      public String capture(java.io.OutputStream archive) throws IOException {
        archive.write(new byte[20_000]);
        throw new IOException("disk on fire");
      }
    };
    try (SnapshotStore store = builder(false).listener(listener).build()) {
      assertThatThrownBy(() -> store.snapshot(broken, SnapshotContext.of("engine", "c1", "t1")))
          .isInstanceOf(SnapshotException.class)
          .hasMessageContaining("cannot snapshot scope 'settings' for engine@c1/t1: disk on fire");
      assertThat(store.list()).isEmpty();
      assertThat(listener.events).isEmpty();
    }
  }

  @Test
  void closedStore_refusesWork() {
    SnapshotStore store = builder(false).build();
    store.close();
    assertThatThrownBy(() -> store.snapshot(new MapScope(false), SnapshotContext.of("e", "c", "t")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }
}

package dev.cutover.rollback;

import dev.cutover.internal.IoErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps snapshots in a directory:
 *
 * <pre>
 * .lock                      held by the one process that has the store open
 * chunks/ab/abcd...          a chunk, named by the SHA-256 of its uncompressed bytes; first byte
 *                            'R' (raw) or 'D' (DEFLATE), then the bytes
 * snapshots/ID.snapshot      a committed snapshot's manifest
 * tmp/                       staging; anything here belongs to an uncommitted snapshot
 * </pre>
 *
 * <p>A snapshot is written as chunks (each to {@code tmp/}, then an atomic rename into {@code
 * chunks/}); at commit every chunk it uses and their directories are forced to disk, then its
 * manifest is written to {@code tmp/}, forced, atomically renamed into {@code snapshots/}, and that
 * directory forced. The manifest's rename is the commit point: a process that dies before it
 * leaves no manifest, so the snapshot never existed; opening the store deletes {@code tmp/} and
 * every chunk that no manifest refers to. A restore rehashes every chunk, so a chunk damaged on
 * disk is refused, never used.
 */
final class FileSystemBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(FileSystemBackend.class);
  private static final String SUFFIX = ".snapshot";
  private static final byte[] RAW = {'R'};

  private final Path root;
  private final Path chunks;
  private final Path snapshots;
  private final Path tmp;
  private final boolean compression;
  private final boolean fsync;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private FileSystemBackend(Path root, boolean compression, boolean fsync) throws IOException {
    this.root = root;
    this.chunks = root.resolve("chunks");
    this.snapshots = root.resolve("snapshots");
    this.tmp = root.resolve("tmp");
    this.compression = compression;
    this.fsync = fsync;
    Files.createDirectories(chunks);
    Files.createDirectories(snapshots);
    Files.createDirectories(tmp);
    this.lockChannel =
        FileChannel.open(
            root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      lockChannel.close();
      throw new SnapshotException(
          "snapshot store directory " + root + " is in use by another store; close it first");
    }
    this.lock = l;
  }

  static FileSystemBackend open(Path root, boolean compression, boolean fsync) {
    try {
      return new FileSystemBackend(root.toAbsolutePath(), compression, fsync);
    } catch (IOException e) {
      throw new SnapshotException("cannot open snapshot store directory " + root + ": "
          + IoErrors.describe(e), e);
    }
  }

  @Override
  public List<Manifest> recover(SnapshotListener listener) throws IOException {
    try (Stream<Path> leftovers = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) leftovers::iterator) {
        Files.deleteIfExists(p);
        LOG.info("removed {} left by a snapshot that was never committed", p);
        listener.onDiscarded("tmp/" + p.getFileName());
      }
    }
    List<Manifest> found = new ArrayList<>();
    int damaged = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(snapshots, "*" + SUFFIX)) {
      for (Path p : ds) {
        try {
          found.add(Manifest.decode(Files.readAllBytes(p)));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
          // A committed manifest was fsynced before its rename, so this is damage, not a crash:
          // leave it for a person to look at.
          LOG.warn("ignoring unreadable snapshot manifest {}: {}", p, e.getMessage());
          damaged++;
        }
      }
    }
    found.sort(
        java.util.Comparator.comparing((Manifest m) -> m.ref().metadata().takenAt())
            .thenComparing(m -> m.ref().id()));
    if (damaged > 0) {
      // the damaged manifests' chunks cannot be told apart from garbage: keep every chunk
      LOG.warn("{} unreadable snapshot manifest(s) in {}: no chunk is removed until they are"
          + " repaired or deleted", damaged, snapshots);
      return found;
    }
    int removed = collectGarbage(found);
    if (removed > 0) {
      listener.onDiscarded(removed + " chunks that no committed snapshot refers to");
    }
    return found;
  }

  @Override
  public Staging stage(String id) {
    Set<Path> touchedDirs = new LinkedHashSet<>();
    Set<Path> written = new LinkedHashSet<>();
    return new Staging() {
      @Override
      public void put(String hash, byte[] data, int length) throws IOException {
        Path dir = chunks.resolve(hash.substring(0, 2));
        Path target = dir.resolve(hash);
        // A chunk already present may belong to a snapshot that is still being written and not
        // yet forced; forcing it again at this snapshot's commit costs little when it is clean.
        written.add(target);
        if (Files.exists(target)) {
          return;
        }
        Files.createDirectories(dir);
        Path staged = tmp.resolve(id + "." + UUID.randomUUID() + ".chunk");
        if (compression) {
          write(staged, ByteBuffer.wrap(deflate(data, length)));
        } else {
          write(staged, ByteBuffer.wrap(RAW), ByteBuffer.wrap(data, 0, length));
        }
        move(staged, target);
        touchedDirs.add(dir);
      }

      @Override
      public void commit(Manifest manifest) throws IOException {
        if (fsync) {
          // Forced here rather than one by one as they are written, so that the kernel can write
          // them back together; no manifest refers to them until this is done.
          for (Path p : written) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
              ch.force(true);
            }
          }
          for (Path d : touchedDirs) {
            fsyncDirectory(d);
          }
        }
        Path staged = tmp.resolve(id + ".manifest");
        write(staged, ByteBuffer.wrap(manifest.encode()));
        Path target = snapshots.resolve(id + SUFFIX);
        if (Files.exists(target)) {
          Files.deleteIfExists(staged);
          throw new FileAlreadyExistsException(target.toString());
        }
        move(staged, target);
        if (fsync) {
          fsyncDirectory(snapshots);
        }
      }

      @Override
      public void abort() {
        try (Stream<Path> s = Files.list(tmp)) {
          for (Path p : (Iterable<Path>) s::iterator) {
            if (p.getFileName().toString().startsWith(id + ".")) {
              Files.deleteIfExists(p);
            }
          }
        } catch (IOException e) {
          LOG.warn("could not remove staging files of aborted snapshot {}: {}", id, e.toString());
        }
      }
    };
  }

  @Override
  public byte[] readChunk(String hash) throws IOException {
    Path p = chunks.resolve(hash.substring(0, 2)).resolve(hash);
    byte[] stored;
    try {
      stored = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (stored.length == 0) {
      return new byte[0];
    }
    if (stored[0] == 'R') {
      return java.util.Arrays.copyOfRange(stored, 1, stored.length);
    }
    if (stored[0] != 'D') {
      throw new IOException("chunk " + hash + " has an unknown encoding " + stored[0]);
    }
    try (InputStream in =
        new InflaterInputStream(
            new java.io.ByteArrayInputStream(stored, 1, stored.length - 1))) {
      return in.readAllBytes();
    } catch (java.util.zip.ZipException e) {
      // A damaged compressed chunk reads as a mismatching one; the caller reports it as tampered.
      return new byte[] {0};
    }
  }

  @Override
  public void release(Manifest released, Collection<Manifest> remaining) throws IOException {
    Files.deleteIfExists(snapshots.resolve(released.ref().id() + SUFFIX));
    if (fsync) {
      fsyncDirectory(snapshots);
    }
    collectGarbage(remaining);
  }

  private int collectGarbage(Collection<Manifest> live) throws IOException {
    Set<String> referenced = new HashSet<>();
    for (Manifest m : live) {
      referenced.addAll(m.chunks());
    }
    int removed = 0;
    try (Stream<Path> files = Files.walk(chunks, 2)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p) && !referenced.contains(p.getFileName().toString())) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    }
    return removed;
  }

  private static byte[] deflate(byte[] data, int length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 16);
    out.write('D');
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (OutputStream d = new DeflaterOutputStream(out, deflater, 64 * 1024)) {
      d.write(data, 0, length);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  /** Writes a new file; forces it to disk only for manifests (chunks are forced at commit). */
  private void write(Path p, ByteBuffer... buffers) throws IOException {
    try (FileChannel ch =
        FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long left = 0;
      for (ByteBuffer b : buffers) {
        left += b.remaining();
      }
      while (left > 0) {
        left -= ch.write(buffers);
      }
      if (fsync && p.getFileName().toString().endsWith(".manifest")) {
        ch.force(true);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + to + " cannot rename atomically", e);
    }
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }

  @Override
  public String toString() {
    return "file-system store " + root;
  }
}

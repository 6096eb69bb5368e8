package dev.cutover.replay;

import dev.cutover.CutoverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** State snapshots as files {@code <seq>.state} in a directory, each written atomically. */
final class DirectoryStateSnapshots implements StateSnapshots {
  private final Path directory;

  DirectoryStateSnapshots(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public synchronized void put(long seq, byte[] state) {
    try {
      Files.createDirectories(directory);
      Path tmp = directory.resolve(seq + ".state.tmp");
      Files.write(tmp, state);
      Files.move(tmp, directory.resolve(seq + ".state"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CutoverException("cannot write state snapshot " + seq + " in " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<Snapshot> latest(long size) {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    long best = -1;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.matches("\\d{1,18}\\.state")) {
          long seq = Long.parseLong(name.substring(0, name.length() - ".state".length()));
          if (seq < size && seq > best) {
            best = seq;
          }
        }
      }
      if (best < 0) {
        return Optional.empty();
      }
      return Optional.of(new Snapshot(best, Files.readAllBytes(directory.resolve(best + ".state"))));
    } catch (IOException e) {
      throw new CutoverException("cannot read state snapshots in " + directory + ": " + e.getMessage(), e);
    }
  }
}

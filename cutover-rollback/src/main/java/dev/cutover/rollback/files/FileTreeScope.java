package dev.cutover.rollback.files;

import dev.cutover.rollback.spi.SnapshotScope;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory tree as a snapshot scope: every directory and regular file under a root, by relative
 * path and content. File times, permissions and owners are not captured; a symbolic link makes the
 * capture fail rather than be silently skipped. Immutable and thread-safe (the tree itself must
 * not be changed by others during a capture or restore).
 *
 * <p>The content digest is SHA-256 over a domain tag and, for every entry in order of its relative
 * path (with {@code /} separators), its kind, its path and, for a file, its size and the SHA-256 of
 * its bytes. It does not depend on the order in which the file system lists entries.
 *
 * <p>A restore writes every file through a temporary file and an atomic rename, then deletes
 * whatever the snapshot did not contain; running it again after an interruption completes it.
 */
public final class FileTreeScope implements SnapshotScope {
  private static final byte[] MAGIC = "cutover.files.v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte DIR = 'd';
  private static final byte FILE = 'f';
  private static final byte END = 'e';
  private static final String TEMP_PREFIX = ".cutover-restore-";

  private final Path root;
  private final String name;
  private final boolean production;

  private FileTreeScope(Builder b) {
    this.root = b.root;
    this.name = b.name != null ? b.name : "files[" + b.root + "]";
    this.production = b.production;
  }

  /**
   * Starts a scope over the tree under {@code root}.
   *
   * @param root the directory whose content is captured (it need not exist yet)
   * @return a builder
   */
  public static Builder builder(Path root) {
    return new Builder(Objects.requireNonNull(root, "root"));
  }

  /**
   * A scope over the tree under {@code root}, named {@code files[root]}, not production.
   *
   * @param root the directory whose content is captured
   * @return the scope
   */
  public static FileTreeScope of(Path root) {
    return builder(root).build();
  }

  /**
   * The directory this scope covers.
   *
   * @return the root
   */
  public Path root() {
    return root;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean production() {
    return production;
  }

  @Override
  public String capture(OutputStream archive) throws IOException {
    return walk(new DataOutputStream(new BufferedOutputStream(archive, 64 * 1024)));
  }

  @Override
  public String digest() throws IOException {
    return walk(null);
  }

  private String walk(DataOutputStream out) throws IOException {
    MessageDigest tree = sha256();
    tree.update(MAGIC);
    if (out != null) {
      out.write(MAGIC);
    }
    byte[] buf = new byte[64 * 1024];
    for (Path p : entries()) {
      String rel = relative(p);
      BasicFileAttributes a =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isSymbolicLink() || !(a.isDirectory() || a.isRegularFile())) {
        throw new IOException(
            "'" + rel + "' under " + root + " is neither a directory nor a regular file;"
                + " a file tree scope captures only those");
      }
      byte[] path = rel.getBytes(StandardCharsets.UTF_8);
      byte kind = a.isDirectory() ? DIR : FILE;
      tree.update(kind);
      tree.update(ByteBuffer.allocate(4).putInt(path.length).array());
      tree.update(path);
      if (out != null) {
        out.writeByte(kind);
        out.writeInt(path.length);
        out.write(path);
      }
      if (kind == FILE) {
        MessageDigest content = sha256();
        long size = a.size();
        if (out != null) {
          out.writeLong(size);
        }
        long copied = 0;
        try (InputStream in = Files.newInputStream(p)) {
          for (int n; copied < size && (n = in.read(buf, 0, (int) Math.min(buf.length, size - copied))) > 0; ) {
            content.update(buf, 0, n);
            if (out != null) {
              out.write(buf, 0, n);
            }
            copied += n;
          }
        }
        if (copied != size) {
          throw new IOException("'" + rel + "' changed size while being captured");
        }
        tree.update(ByteBuffer.allocate(8).putLong(size).array());
        tree.update(content.digest());
      }
    }
    if (out != null) {
      out.writeByte(END);
      out.flush();
    }
    return HexFormat.of().formatHex(tree.digest());
  }

  @Override
  public void restore(InputStream archive) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(archive, 64 * 1024));
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException("the archive is not a file tree archive");
    }
    Files.createDirectories(root);
    Set<String> expected = new HashSet<>();
    byte[] buf = new byte[64 * 1024];
    while (true) {
      byte kind = in.readByte();
      if (kind == END) {
        break;
      }
      byte[] path = new byte[in.readInt()];
      in.readFully(path);
      String rel = new String(path, StandardCharsets.UTF_8);
      Path target = resolve(rel);
      expected.add(rel);
      if (kind == DIR) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
            && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(target);
        }
        Files.createDirectories(target);
      } else if (kind == FILE) {
        long size = in.readLong();
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(target);
        }
        Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName());
        try (OutputStream out = Files.newOutputStream(temp)) {
          long left = size;
          while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
              throw new EOFException("the archive ends inside '" + rel + "'");
            }
            out.write(buf, 0, n);
            left -= n;
          }
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        throw new IOException("the archive has an unknown entry kind " + kind);
      }
    }
    // Whatever the snapshot did not hold goes, deepest first.
    List<Path> present = entries();
    present.sort(Comparator.comparing(Path::getNameCount).reversed());
    for (Path p : present) {
      if (!expected.contains(relative(p))) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(p);
        } else {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private List<Path> entries() throws IOException {
    if (!Files.isDirectory(root)) {
      if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("the scope's root " + root + " is a file, not a directory");
      }
      return new ArrayList<>();
    }
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.equals(root)).forEach(all::add);
    }
    all.sort(Comparator.comparing(this::relative));
    return all;
  }

  private String relative(Path p) {
    StringBuilder b = new StringBuilder();
    for (Path part : root.relativize(p)) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part);
    }
    return b.toString();
  }

  private Path resolve(String rel) throws IOException {
    Path p = root;
    for (String part : rel.split("/")) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IOException("the archive names an unsafe path '" + rel + "'");
      }
      p = p.resolve(part);
    }
    return p;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> all = new ArrayList<>();
      s.forEach(all::add);
      all.sort(Comparator.comparing(Path::getNameCount).reversed());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builds a {@link FileTreeScope}; not thread-safe. */
  public static final class Builder {
    private final Path root;
    private String name;
    private boolean production;
    private boolean productionSet;

    private Builder(Path root) {
      this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Names the scope (default {@code files[<absolute root>]}).
     *
     * @param name not blank
     * @return this builder
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      if (this.name != null) {
        throw new IllegalStateException("name is already set to '" + this.name + "'");
      }
      this.name = name;
      return this;
    }

    /**
     * Marks the scope production (default not).
     *
     * @param production whether restores need a quorum
     * @return this builder
     */
    public Builder production(boolean production) {
      if (productionSet) {
        throw new IllegalStateException("production is already set to " + this.production);
      }
      this.productionSet = true;
      this.production = production;
      return this;
    }

    /**
     * Builds the scope.
     *
     * @return the immutable scope
     */
    public FileTreeScope build() {
      return new FileTreeScope(this);
    }
  }
}

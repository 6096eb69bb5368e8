package dev.cutover.rollback.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random file trees and random mutations of them, for property tests. */
public final class Trees {
  private Trees() {}

  /** A relative path of one to three segments from a small alphabet, so that paths collide. */
  static Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.of("a", "b", "c", "d.txt", "e e", "é");
    return segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
  }

  static Arbitrary<byte[]> contents() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(9000);
  }

  /** A tree as path to content; paths that would be both a file and a directory are dropped. */
  static Arbitrary<Map<String, byte[]>> trees() {
    return Combinators.combine(paths(), contents()).as(Map::entry).list().ofMaxSize(12)
        .map(Trees::consistent);
  }

  static Map<String, byte[]> consistent(List<Map.Entry<String, byte[]>> entries) {
    Map<String, byte[]> tree = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : entries) {
      String p = e.getKey();
      boolean clash = tree.keySet().stream()
          .anyMatch(q -> q.startsWith(p + "/") || p.startsWith(q + "/"));
      if (!clash) {
        tree.put(p, e.getValue());
      }
    }
    return tree;
  }

  /** A change to a tree: write a file, delete a path, or make a directory. */
  public record Mutation(String kind, String path, byte[] content) {
    void apply(Path root) throws IOException {
      Path p = root;
      for (String s : path.split("/")) {
        p = p.resolve(s);
      }
      // A file standing where a directory is needed is replaced, as a careless operator would.
      for (Path q = p.getParent(); q != null && q.startsWith(root); q = q.getParent()) {
        if (Files.isRegularFile(q)) {
          Files.delete(q);
        }
      }
      switch (kind) {
        case "write" -> {
          delete(p);
          Files.createDirectories(p.getParent());
          Files.write(p, content);
        }
        case "mkdir" -> {
          delete(p);
          Files.createDirectories(p);
        }
        default -> delete(p);
      }
    }

    @Override
    public String toString() {
      return kind + " " + path + (content == null ? "" : " (" + content.length + " bytes)");
    }
  }

  static Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> write =
        Combinators.combine(paths(), contents()).as((p, c) -> new Mutation("write", p, c));
    Arbitrary<Mutation> delete = paths().map(p -> new Mutation("delete", p, null));
    Arbitrary<Mutation> mkdir = paths().map(p -> new Mutation("mkdir", p, null));
    return Arbitraries.oneOf(write, delete, mkdir).list().ofMinSize(1).ofMaxSize(8);
  }

  /** Writes a tree under root (which must be empty or missing). */
  public static void write(Path root, Map<String, byte[]> tree) throws IOException {
    Files.createDirectories(root);
    for (Map.Entry<String, byte[]> e : tree.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  /** Reads every regular file under root, by relative path. */
  public static Map<String, String> read(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(root.relativize(p).toString().replace('\\', '/'),
              java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }

  static Map<String, String> hex(Map<String, byte[]> tree) {
    Map<String, String> m = new TreeMap<>();
    tree.forEach((k, v) -> m.put(k, java.util.HexFormat.of().formatHex(v)));
    return m;
  }

  /** Deletes a file or a whole directory tree, if present. */
  public static void delete(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(p)) {
      s.forEach(all::add);
    }
    all.sort(Comparator.comparing(Path::getNameCount).reversed());
    for (Path q : all) {
      Files.deleteIfExists(q);
    }
  }
}

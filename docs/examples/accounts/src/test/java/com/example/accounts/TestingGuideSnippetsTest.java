package com.example.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/testing.md honest: every Java snippet in it (split at {@code ...} elisions) must
 * appear, line for line, in this project's sources, which compile and run in the build.
 */
class TestingGuideSnippetsTest {
  private static final Path GUIDE = Path.of("..", "..", "testing.md");

  @Test
  void everyJavaSnippetOfTheTestingGuide_isCodeOfThisProject() throws IOException {
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
        sources.add(Files.readAllLines(f).stream().map(String::trim).collect(Collectors.toList()));
      }
    }
    List<List<String>> segments = segments(Files.readAllLines(GUIDE));
    assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
    for (List<String> segment : segments) {
      assertThat(sources.stream().anyMatch(lines -> contains(lines, segment)))
          .as("snippet of docs/testing.md found in docs/examples/accounts/src:%n%s", String.join("\n", segment))
          .isTrue();
    }
  }

  private static List<List<String>> segments(List<String> guide) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = null;
    for (String line : guide) {
      String t = line.trim();
      if (current == null) {
        if (t.equals("```java")) {
          current = new ArrayList<>();
        }
      } else if (t.equals("```") || t.equals("...")) {
        if (!current.isEmpty()) {
          out.add(current);
        }
        current = t.equals("```") ? null : new ArrayList<>();
      } else if (!t.isEmpty()) {
        current.add(t);
      }
    }
    return out;
  }

  private static boolean contains(List<String> lines, List<String> segment) {
    List<String> code = lines.stream().filter(l -> !l.isEmpty()).collect(Collectors.toList());
    return java.util.Collections.indexOfSubList(code, segment) >= 0;
  }
}

package dev.cutover.docs.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that the tagged regions of a test source appear verbatim (dedented) in a page. */
public final class DocSnippets {
  private static final Pattern REGION =
      Pattern.compile("// tag::([a-z-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL);

  private DocSnippets() {}

  /**
   * Asserts that every region of {@code source} is in {@code page} as a java code block.
   *
   * @param source the test source, relative to the docs module
   * @param page the markdown page, relative to the docs module
   * @return the region names, in source order
   * @throws IOException if a file cannot be read
   */
  public static List<String> assertAllRegionsIn(Path source, Path page) throws IOException {
    String code = Files.readString(source, StandardCharsets.UTF_8);
    String markdown = Files.readString(page, StandardCharsets.UTF_8);
    Matcher m = REGION.matcher(code);
    List<String> tags = new ArrayList<>();
    while (m.find()) {
      tags.add(m.group(1));
      assertThat(markdown)
          .as("snippet '%s' of %s in %s", m.group(1), source, page)
          .contains("```java\n" + dedent(m.group(2)) + "\n```");
    }
    return tags;
  }

  static String dedent(String block) {
    List<String> lines = block.lines().toList();
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return out.toString().stripTrailing();
  }
}

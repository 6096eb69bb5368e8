package dev.cutover.docs.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every tagged region of the snippets appears, character for character, in the guide. */
class SnippetsAreInTheGuideTest {
  private static final Path SOURCE =
      Path.of("src/test/java/dev/cutover/docs/plans/PlansAndGatesSnippetsTest.java");
  private static final Path GUIDE = Path.of("plans-and-gates.md");

  @Test
  void everySnippet_isCopiedVerbatimIntoTheGuide() throws Exception {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("// tag::([a-z-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL)
            .matcher(source);
    List<String> tags = new ArrayList<>();
    while (m.find()) {
      tags.add(m.group(1));
      String block = dedent(m.group(2));
      assertThat(guide).as("snippet '%s' in %s", m.group(1), GUIDE).contains("```java\n" + block + "\n```");
    }
    assertThat(tags).containsExactly("build", "load", "reforecast", "gate");
  }

  private static String dedent(String block) {
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

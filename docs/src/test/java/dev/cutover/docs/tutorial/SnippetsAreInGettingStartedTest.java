package dev.cutover.docs.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every tagged region of {@link GettingStartedTest} appears, character for character, in the page. */
class SnippetsAreInGettingStartedTest {
  @Test
  void everySnippet_isCopiedVerbatimIntoThePage() throws Exception {
    assertThat(DocSnippets.assertAllRegionsIn(
            Path.of("src/test/java/dev/cutover/docs/tutorial/GettingStartedTest.java"),
            Path.of("getting-started.md")))
        .containsExactly("plan", "gate", "snapshots", "actions", "run", "rerun", "undo-entries");
  }
}

package dev.cutover.docs.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.docs.tutorial.DocSnippets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every tagged region of the cookbook's tests appears, character for character, in its recipe. */
class SnippetsAreInTheCookbookTest {
  private static final Path TESTS = Path.of("src/test/java/dev/cutover/docs/cookbook");

  @Test
  void zeroDowntimeColumnChange() throws Exception {
    assertThat(DocSnippets.assertAllRegionsIn(TESTS.resolve("ZeroDowntimeColumnChangeTest.java"),
            Path.of("cookbook/zero-downtime-column-change.md")))
        .containsExactly("expand", "trickle", "dual-write", "validate", "contract");
  }

  @Test
  void rollbackDrill() throws Exception {
    assertThat(DocSnippets.assertAllRegionsIn(TESTS.resolve("RollbackDrillTest.java"),
            Path.of("cookbook/rollback-drill.md")))
        .containsExactly("drill", "report", "production");
  }
}

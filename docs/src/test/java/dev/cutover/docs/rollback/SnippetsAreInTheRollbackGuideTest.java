package dev.cutover.docs.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.docs.tutorial.DocSnippets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every tagged region of RollbackSnippetsTest appears, character for character, in rollback.md. */
class SnippetsAreInTheRollbackGuideTest {
  @Test
  void rollbackGuide() throws Exception {
    assertThat(DocSnippets.assertAllRegionsIn(
            Path.of("src/test/java/dev/cutover/docs/rollback/RollbackSnippetsTest.java"),
            Path.of("rollback.md")))
        .containsExactly("table", "policy", "audit-entry", "spi", "drill", "triggers");
  }
}

package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void render_fillsInProportion_andClampsToTheTotal() {
    assertThat(ProgressBar.render(0, 200, "x")).isEqualTo("[" + "-".repeat(30) + "]   0% x");
    assertThat(ProgressBar.render(100, 200, "x"))
        .isEqualTo("[" + "#".repeat(15) + "-".repeat(15) + "]  50% x");
    assertThat(ProgressBar.render(250, 200, "x")).isEqualTo("[" + "#".repeat(30) + "] 100% x");
    assertThat(ProgressBar.render(0, 0, "x")).isEqualTo("[" + "#".repeat(30) + "] 100% x");
  }

  @Test
  void outsideATerminal_nothingIsDrawn() {
    // The build runs without a console, as scripts and pipes do.
    StringWriter err = new StringWriter();
    try (ProgressBar bar = ProgressBar.of(new PrintWriter(err), "reading", 10, 0)) {
      bar.update(5);
      bar.update(10);
    }
    assertThat(err.toString()).isEmpty();
  }
}

package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HelpCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void help_ofANestedCommand_isThatCommandsHelp() {
    assertThat(run("help", "log", "root")).isZero();
    assertThat(out.toString()).startsWith("Usage: cutover log root ").contains("--size");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void help_isTheSameAsDashDashHelp() {
    assertThat(run("help", "keys", "generate")).isZero();
    String viaHelp = out.toString();
    out.getBuffer().setLength(0);
    assertThat(run("keys", "generate", "--help")).isZero();
    assertThat(viaHelp).isEqualTo(out.toString());
  }

  @Test
  void help_alone_isTheTopLevelHelp() {
    assertThat(run("help")).isZero();
    assertThat(out.toString()).startsWith("Usage: cutover ").contains("report").contains("demo");
  }

  @Test
  void help_ofAnUnknownCommand_namesItAndTheChoices() {
    assertThat(run("help", "log", "rot")).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("cutover log has no command 'rot'")
        .contains("verify").contains("root");
    assertThat(out.toString()).isEmpty();
  }
}

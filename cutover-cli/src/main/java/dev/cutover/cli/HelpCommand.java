package dev.cutover.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover help [COMMAND...]}: the help of any command, also a nested one ({@code cutover
 * help log root}), which picocli's own help command does not reach. An unknown name is bad usage
 * (exit 2) with the names that would have worked.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show the help of a command, e.g. 'cutover help log verify'.")
public final class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {
  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command, and its subcommands")
  List<String> path = new ArrayList<>();

  private CommandLine self;
  private PrintWriter out;
  private PrintWriter err;
  private Help.ColorScheme colors;

  /** Creates the command; picocli calls this. */
  public HelpCommand() {}

  @Override
  public void init(
      CommandLine helpCommandLine,
      Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
    this.err = errWriter;
  }

  @Override
  public Integer call() {
    CommandLine target = self.getParent();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        err.println("cutover: '" + String.join(" ", path) + "': "
            + target.getCommandSpec().qualifiedName() + " has no command '" + name + "'"
            + (target.getSubcommands().isEmpty() ? ""
                : " (its commands: " + String.join(", ", target.getSubcommands().keySet()) + ")"));
        err.flush();
        return Main.BAD_INPUT;
      }
      target = next;
    }
    target.usage(out, colors);
    out.flush();
    return Main.OK;
  }
}

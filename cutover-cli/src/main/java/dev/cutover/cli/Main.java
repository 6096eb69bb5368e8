package dev.cutover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of the {@code cutover} command.
 *
 * <p>Exit status: {@value #OK} on success, {@value #VERIFICATION_FAILED} when a verification failed
 * (a log, a proof, a checkpoint, a replay), {@value #BAD_INPUT} for bad usage or bad input.
 */
@Command(
    name = "cutover",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Rollback-safe migrations and cutovers: verify logs, analyse plans, run the demo.",
    subcommands = {CommandLine.HelpCommand.class, PlanCommand.class, ReportCommand.class})
public final class Main implements Runnable {
  /** Exit status of a command that succeeded. */
  public static final int OK = 0;
  /** Exit status when a log, a proof, a checkpoint or a replay did not verify. */
  public static final int VERIFICATION_FAILED = 1;
  /** Exit status for bad usage or bad input. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits the JVM with its status.
   *
   * @param args the command line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line without exiting the JVM.
   *
   * @param args the command line arguments
   * @return the exit status
   */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"cutover " + (v == null ? "development build" : v)};
    }
  }
}

package dev.cutover.cli;

import dev.cutover.CutoverException;
import dev.cutover.audit.InvalidProofException;
import dev.cutover.audit.LogVerificationException;
import dev.cutover.crypto.NoteVerificationException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of the {@code cutover} command.
 *
 * <p>Exit status: {@value #OK} on success, {@value #VERIFICATION_FAILED} when a verification failed
 * (a log, a proof, a checkpoint, a replay), {@value #BAD_INPUT} for bad usage or bad input. Errors
 * are one line on standard error, {@code cutover: <what is wrong and where>}, never a stack trace.
 *
 * <p>To add a command, add its class to {@code subcommands} below.
 */
@Command(
    name = "cutover",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Rollback-safe migrations and cutovers: verify logs, analyse plans, run the demo.",
    subcommands = {
      HelpCommand.class,
      DemoCommand.class,
      LogCommand.class,
      KeysCommand.class,
      PlanCommand.class,
      ReplayCommand.class,
      ReportCommand.class
    })
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
   * Runs the command line without exiting the JVM, writing to standard output and error.
   *
   * @param args the command line arguments
   * @return the exit status
   */
  public static int run(String... args) {
    return run(
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        args);
  }

  /**
   * Runs the command line without exiting the JVM.
   *
   * @param out where results go
   * @param err where errors go
   * @param args the command line arguments
   * @return the exit status
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("cutover: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      err.println("cutover: " + message(ex));
      err.flush();
      return exitCode(ex);
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Maps a failure to an exit status: verification failures to {@value #VERIFICATION_FAILED},
   * everything else to {@value #BAD_INPUT}.
   *
   * @param e the failure
   * @return the exit status
   */
  static int exitCode(Throwable e) {
    if (e instanceof LogVerificationException
        || e instanceof NoteVerificationException
        || e instanceof InvalidProofException
        || e instanceof VerificationFailedException) {
      return VERIFICATION_FAILED;
    }
    return BAD_INPUT;
  }

  private static String message(Throwable e) {
    if (e instanceof CutoverException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** Thrown by a command whose check failed after it said why; maps to exit status 1. */
  static final class VerificationFailedException extends CutoverException {
    private static final long serialVersionUID = 1L;

    VerificationFailedException(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"cutover " + (v == null ? "development build" : v)};
    }
  }
}

package dev.cutover.cli;

import dev.cutover.cli.demo.DemoRun;
import dev.cutover.internal.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover demo}: the end-to-end cutover on an embedded database. */
@Command(
    name = "demo",
    header = "Run an end-to-end cutover of a banking schema on an embedded H2 database.",
    mixinStandardHelpOptions = true,
    description = {
      "Run a realistic end-to-end cutover on an embedded H2 database kept in DIR: a small banking schema",
      "migrated to a new schema with a critical path, parallel branches, a go/no-go gate with a signed",
      "2-of-3 approval, snapshot-backed undo, validation and reconciliation.",
      "Running it again with the same DIR resumes an interrupted run, or does nothing after a finished one.",
      "Writes DIR/audit.log, DIR/checkpoint, DIR/verifier.key and DIR/report.html."
    })
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "where the database, log, keys and report live (default: ${DEFAULT-VALUE})")
  Path dir = Path.of("cutover-demo");

  @Option(names = "--fail-at", paramLabel = "TASK", description = "inject a failure at this task; the run must end in a verified rollback")
  String failAt;

  @Option(names = "--json", description = "end with a one-line JSON summary on standard output")
  boolean json;

  @Option(names = "--chunk-pause-ms", paramLabel = "MS", hidden = true,
      description = "pause after each chunk of data movement, so the run lasts long enough to interrupt (default: ${DEFAULT-VALUE})")
  long pauseMillis = 60;

  @Override
  public Integer call() {
    if (failAt != null && !DemoRun.tasks().contains(failAt)) {
      throw new CommandLine.ParameterException(spec.commandLine(), DemoRun.unknownTask(failAt));
    }
    if (pauseMillis < 0 || pauseMillis > 10_000) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--chunk-pause-ms must be from 0 to 10000, got " + pauseMillis);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // System.console() is null when standard input or output is redirected; then the bar is plain lines
    boolean animated = ProgressBar.interactive();
    DemoRun run = new DemoRun(dir, failAt, json, animated, Duration.ofMillis(pauseMillis), Clock.systemUTC(),
        new SecureRandom());
    FileErrors.createDirectory(dir, "--dir", "demo directory");
    try {
      return run.run(out, err);
    } catch (IOException e) {
      throw new IllegalArgumentException("demo directory " + dir + ": " + IoErrors.describe(e), e);
    } catch (SQLException e) {
      throw new IllegalStateException("demo database in " + dir + ": " + e.getMessage(), e);
    }
  }
}

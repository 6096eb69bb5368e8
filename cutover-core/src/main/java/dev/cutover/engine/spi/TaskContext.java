package dev.cutover.engine.spi;

import java.time.Clock;
import java.util.Optional;

/**
 * What the engine tells an action about the attempt it is making. Implemented by the engine;
 * thread-safe.
 */
public interface TaskContext {
  /**
   * Returns the id of the task being run.
   *
   * @return the task id
   */
  String taskId();

  /**
   * Returns the attempt number, 1 for the first start of the task in this log, 2 after a resume
   * found it not applied, and so on.
   *
   * @return the attempt, at least 1
   */
  int attempt();

  /**
   * Returns the id of the plan being run, so an action can record which cutover wrote what. The
   * default, for contexts built outside an engine, is empty.
   *
   * @return the plan's id
   */
  default Optional<String> planId() {
    return Optional.empty();
  }

  /**
   * Returns the digest of the plan being run, so an action can tag what it writes.
   *
   * @return the plan digest as logged at start
   */
  String planDigest();

  /**
   * Returns the fencing token of the lease the engine holds, or 0 when it runs without a lease
   * store. Stores that accept fencing tokens should refuse writes with a token lower than one
   * they have seen.
   *
   * @return the fencing token
   */
  long fencingToken();

  /**
   * Returns the engine's clock, for timings an action puts into its evidence.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * Returns the audit log entry that recorded the start of this attempt ({@code task.started}),
   * so an action can link what it writes (a ledger row, a ticket) to the log. The default, for
   * contexts built outside an engine that logs to an audit log, is empty.
   *
   * @return the entry's seq and hash, or empty if the engine's log has no hashes
   */
  default Optional<LogPosition> startedEntry() {
    return Optional.empty();
  }
}

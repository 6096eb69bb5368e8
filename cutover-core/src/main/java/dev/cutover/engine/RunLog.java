package dev.cutover.engine;

import java.util.List;

/** The engine's view of its audit log: read and verify everything, append durably. */
interface RunLog {
  /**
   * Reads and verifies the whole log.
   *
   * @return the entries in order
   * @throws EngineException if the log does not verify or cannot be read
   */
  List<Logged> entries();

  /**
   * Appends an event with the state digest after it; returns once the entry is durable.
   *
   * @param event the event
   * @param stateDigest the digest of the engine state after it
   * @return the entry's seq
   */
  long append(EngineEvent event, String stateDigest);

  /** One entry as the engine reads it back. */
  record Logged(long seq, EngineEvent event, String state) {}
}

package dev.cutover.engine;

import java.util.List;
import java.util.Optional;

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

  /**
   * Returns the hash of an entry, for logs that hash their entries.
   *
   * @param seq an entry's seq
   * @return its lower-case hex hash, or empty if this log does not hash entries
   */
  default Optional<String> hash(long seq) {
    return Optional.empty();
  }

  /** One entry as the engine reads it back. */
  record Logged(long seq, EngineEvent event, String state) {}
}

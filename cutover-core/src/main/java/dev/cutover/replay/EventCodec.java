package dev.cutover.replay;

import java.util.Map;
import java.util.Optional;

/**
 * Maps a state machine's events to and from audit log entries ({@code type}, {@code actor},
 * {@code data}). Implementations must be thread-safe and must round-trip: decoding what encoding
 * produced gives an equal event.
 *
 * @param <E> the event type
 */
public interface EventCodec<E> {
  /**
   * Returns the entry type for an event, dotted lower case such as {@code ledger.transfer}.
   *
   * @param event the event
   * @return the type
   */
  String type(E event);

  /**
   * Returns the entry data for an event: strings, booleans, integral numbers, lists and maps.
   *
   * @param event the event
   * @return the data
   */
  Map<String, Object> data(E event);

  /**
   * Rebuilds an event from an entry.
   *
   * @param type the entry type
   * @param actor the entry actor
   * @param data the entry data
   * @return the event, or empty if the entry is not an event of this machine (a note, say); the
   *     state is then unchanged
   * @throws IllegalArgumentException if the entry claims to be an event of this machine but is
   *     malformed; replay reports it as a divergence
   */
  Optional<E> decode(String type, String actor, Map<String, Object> data);
}

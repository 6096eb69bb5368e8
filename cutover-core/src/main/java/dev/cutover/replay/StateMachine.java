package dev.cutover.replay;

import java.util.List;

/**
 * A deterministic state machine: a pure transition function, a canonical codec, declared
 * invariants and a definition fingerprint.
 *
 * <p>{@link #apply} must be a pure function of its arguments: it must not read a clock, a random
 * source or the environment (time and randomness, when a transition needs them, come from the
 * event). States should be immutable. Given the same initial state and the same events, every
 * run produces the same states and therefore the same digests; that is what makes replay exact.
 *
 * <p>Implementations must be thread-safe (they are usually stateless).
 *
 * @param <S> the state type
 * @param <E> the event type
 */
public interface StateMachine<S, E> {
  /**
   * Returns the definition fingerprint: a stable string that changes whenever the transition
   * function, the codec or the invariants change meaning, such as {@code ledger/v3} or the digest
   * of a plan. It is logged when a log starts, and replay under a different fingerprint is
   * refused.
   *
   * @return the fingerprint, not blank
   */
  String fingerprint();

  /**
   * Returns the state before the first event.
   *
   * @return the initial state
   */
  S initial();

  /**
   * Returns the state after an event.
   *
   * @param state the state before the event
   * @param event the event
   * @return the state after the event
   * @throws RuntimeException if the event is not valid in this state; replay reports it as a
   *     divergence at that event
   */
  S apply(S state, E event);

  /**
   * Returns the codec that gives a state's canonical bytes.
   *
   * @return the codec
   */
  StateCodec<S> codec();

  /**
   * Returns the invariants that must hold after every event. None by default.
   *
   * @return the invariants, in the order they are checked
   */
  default List<Invariant<S>> invariants() {
    return List.of();
  }

  /**
   * Whether the log entry of an event must carry the digest of the state after it. When it does
   * not, replay reports a {@link Divergence.Kind#STATE_DIGEST} divergence at that entry instead of
   * skipping the check, so removing digests cannot hide an edit. False by default: a log that
   * also holds entries from other writers, or that records digests only sometimes, replays as
   * before.
   *
   * @param event the event
   * @return true if every entry of this event records the state digest
   */
  default boolean requiresStateDigest(E event) {
    return false;
  }
}

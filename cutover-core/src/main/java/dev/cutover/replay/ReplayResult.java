package dev.cutover.replay;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a replay: the state it reached and, if replay disagreed with the record, the
 * first divergence. Immutable.
 *
 * @param state the state after the last event that replayed cleanly (before the divergence, if
 *     any)
 * @param digest the digest of {@code state}
 * @param eventsApplied how many events the transition function was applied to
 * @param lastSeq the seq of the last event that replayed cleanly, or {@code startSeq} if none
 * @param startSeq the seq of the snapshot replay started from, or -1 when it started from the
 *     initial state
 * @param divergence the first divergence, if any
 * @param notes what replay decided along the way, such as a snapshot it rejected and why
 * @param <S> the state type
 */
public record ReplayResult<S>(
    S state,
    String digest,
    long eventsApplied,
    long lastSeq,
    long startSeq,
    Optional<Divergence> divergence,
    java.util.List<String> notes) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public ReplayResult {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(divergence, "divergence");
    notes = java.util.List.copyOf(notes);
  }

  /**
   * Tells whether replay agreed with the record everywhere.
   *
   * @return true if there is no divergence
   */
  public boolean consistent() {
    return divergence.isEmpty();
  }

  /**
   * Returns the final state, or throws if replay diverged.
   *
   * @return the final state
   * @throws ReplayDivergenceException carrying the first divergence
   */
  public S stateOrThrow() {
    if (divergence.isPresent()) {
      throw new ReplayDivergenceException(divergence.get());
    }
    return state;
  }
}

package dev.cutover.replay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Folds recorded events through a {@link StateMachine} again and checks, after every event, the
 * recorded state digest (when there is one; an entry without one diverges when {@link
 * StateMachine#requiresStateDigest} says it needs one) and every declared invariant. Stops at the
 * first divergence.
 *
 * <p>Immutable and thread-safe; each call to {@link #replay} works on its own state.
 *
 * @param <S> the state type
 * @param <E> the event type
 */
public final class Replayer<S, E> {
  private final StateMachine<S, E> machine;
  private final StateCodec<S> codec;
  private final List<Invariant<S>> invariants;

  private Replayer(StateMachine<S, E> machine) {
    this.machine = machine;
    this.codec = Objects.requireNonNull(machine.codec(), "machine.codec()");
    this.invariants = List.copyOf(machine.invariants());
  }

  /**
   * Returns a replayer for a state machine.
   *
   * @param machine the state machine
   * @param <S> the state type
   * @param <E> the event type
   * @return the replayer
   * @throws NullPointerException if machine is null
   */
  public static <S, E> Replayer<S, E> of(StateMachine<S, E> machine) {
    return new Replayer<>(Objects.requireNonNull(machine, "machine"));
  }

  /**
   * Returns the state machine this replayer folds events through.
   *
   * @return the state machine
   */
  public StateMachine<S, E> machine() {
    return machine;
  }

  /**
   * Replays events from the machine's initial state.
   *
   * @param events the recorded events, in log order
   * @return the result, with the first divergence if there is one
   * @throws NullPointerException if events is null
   */
  public ReplayResult<S> replay(Iterable<? extends Recorded<? extends E>> events) {
    Objects.requireNonNull(events, "events");
    return replay(machine.initial(), -1, events.iterator(), List.of());
  }

  /**
   * Replays events from a given state, such as one restored from a snapshot taken after {@code
   * startSeq}. Events at or before {@code startSeq} are skipped.
   *
   * @param start the state after the event at {@code startSeq}
   * @param startSeq the seq of the event after which {@code start} was taken, or -1 for none
   * @param events the recorded events, in log order
   * @param notes notes to carry into the result, such as why a snapshot was used or rejected
   * @return the result, with the first divergence if there is one
   * @throws NullPointerException if an argument is null
   */
  public ReplayResult<S> replay(
      S start, long startSeq, Iterator<? extends Recorded<? extends E>> events, List<String> notes) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(events, "events");
    List<String> allNotes = new ArrayList<>(notes);
    S state = start;
    String digest = null;
    long applied = 0;
    long lastSeq = startSeq;
    while (events.hasNext()) {
      Recorded<? extends E> recorded = events.next();
      if (recorded.seq() <= startSeq) {
        continue;
      }
      S next;
      try {
        next = Objects.requireNonNull(machine.apply(state, recorded.event()), "apply returned null");
      } catch (RuntimeException e) {
        return diverged(
            state,
            digest,
            applied,
            lastSeq,
            startSeq,
            new Divergence(
                recorded.seq(),
                Divergence.Kind.TRANSITION,
                null,
                null,
                "the transition function refused the event at seq "
                    + recorded.seq()
                    + ": "
                    + e.getMessage()),
            allNotes);
      }
      String nextDigest = null;
      if (recorded.state() == null && machine.requiresStateDigest(recorded.event())) {
        return diverged(
            state,
            digest,
            applied,
            lastSeq,
            startSeq,
            new Divergence(
                recorded.seq(),
                Divergence.Kind.STATE_DIGEST,
                null,
                StateDigest.of(codec.encode(next)),
                "the entry at seq "
                    + recorded.seq()
                    + " carries no state digest, but every entry of this log must record one"),
            allNotes);
      }
      if (recorded.state() != null) {
        byte[] raw = StateDigest.raw(codec.encode(next));
        if (StateDigest.matches(raw, recorded.state())) {
          nextDigest = recorded.state();
        } else {
          nextDigest = StateDigest.hex(raw);
          return diverged(
              state,
              digest,
              applied,
              lastSeq,
              startSeq,
              new Divergence(
                  recorded.seq(),
                  Divergence.Kind.STATE_DIGEST,
                  recorded.state(),
                  nextDigest,
                  "state digest after seq "
                      + recorded.seq()
                      + " is "
                      + nextDigest
                      + " but the log recorded "
                      + recorded.state()),
              allNotes);
        }
      }
      for (Invariant<S> invariant : invariants) {
        if (!invariant.holds(next)) {
          return diverged(
              state,
              digest,
              applied,
              lastSeq,
              startSeq,
              new Divergence(
                  recorded.seq(),
                  Divergence.Kind.INVARIANT,
                  invariant.name(),
                  nextDigest,
                  "invariant '" + invariant.name() + "' does not hold after seq " + recorded.seq()),
              allNotes);
        }
      }
      state = next;
      digest = nextDigest;
      applied++;
      lastSeq = recorded.seq();
    }
    return new ReplayResult<>(
        state,
        digest == null ? StateDigest.of(codec.encode(state)) : digest,
        applied,
        lastSeq,
        startSeq,
        Optional.empty(),
        allNotes);
  }

  private ReplayResult<S> diverged(
      S state,
      String digest,
      long applied,
      long lastSeq,
      long startSeq,
      Divergence divergence,
      List<String> notes) {
    return new ReplayResult<>(
        state,
        digest == null ? StateDigest.of(codec.encode(state)) : digest,
        applied,
        lastSeq,
        startSeq,
        Optional.of(divergence),
        notes);
  }
}

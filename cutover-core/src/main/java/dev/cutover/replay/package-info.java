/**
 * Deterministic state machines and replay.
 *
 * <p>A {@link dev.cutover.replay.StateMachine} is a pure transition function from a state and an
 * event to the next state, a {@link dev.cutover.replay.StateCodec} that gives a state's canonical
 * bytes (their SHA-256 is the state digest), declared {@link dev.cutover.replay.Invariant}s and a
 * definition fingerprint. A {@link dev.cutover.replay.Replayer} folds recorded events again, checks
 * the recorded digest and every invariant after every event, and reports the first {@link
 * dev.cutover.replay.Divergence}.
 */
package dev.cutover.replay;

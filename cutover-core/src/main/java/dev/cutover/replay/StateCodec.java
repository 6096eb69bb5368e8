package dev.cutover.replay;

/**
 * The canonical byte form of a state.
 *
 * <p>Two equal states must encode to the same bytes, and {@code encode(decode(encode(s)))} must
 * equal {@code encode(s)}: the SHA-256 of these bytes is the state digest that the log records
 * after every event, and the bytes are what a state snapshot stores. Implementations must be
 * thread-safe and must not read a clock, a random source or the environment.
 *
 * @param <S> the state type
 */
public interface StateCodec<S> {
  /**
   * Returns the canonical bytes of a state.
   *
   * @param state the state, never null
   * @return its canonical bytes; the caller must not modify them
   */
  byte[] encode(S state);

  /**
   * Rebuilds a state from bytes that {@link #encode} produced, as a snapshot holds them.
   *
   * @param bytes canonical bytes of a state
   * @return the state
   * @throws IllegalArgumentException if the bytes are not the encoding of a state
   */
  S decode(byte[] bytes);
}

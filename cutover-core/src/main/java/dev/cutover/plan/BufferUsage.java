package dev.cutover.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How much of its buffer one path of a plan has consumed. A path here is the planned driving chain
 * that ends at one end task (a task nothing depends on); its buffer is the sum of its tasks'
 * buffers; it has consumed as much as its end task is now forecast to finish later than planned.
 *
 * @param endTask the task the path ends at
 * @param path the task ids of the path, first to last
 * @param buffer the sum of the buffers of the path's tasks
 * @param consumed the forecast delay of the end task, zero if none
 */
public record BufferUsage(String endTask, List<String> path, Duration buffer, Duration consumed) {
  /**
   * Checks and copies the arguments.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code buffer} or {@code consumed} is negative
   */
  public BufferUsage {
    Objects.requireNonNull(endTask, "endTask");
    path = List.copyOf(path);
    if (buffer.isNegative() || consumed.isNegative()) {
      throw new IllegalArgumentException("buffer and consumed must not be negative");
    }
  }

  /**
   * The buffer left: {@code buffer - consumed}; negative when the delay exceeds the buffer.
   *
   * @return the remaining buffer
   */
  public Duration remaining() {
    return buffer.minus(consumed);
  }

  /**
   * The share of the buffer consumed, in whole percent (rounded down); 100 or more when exhausted,
   * and 0 or 100 for a path without buffer depending on whether it is delayed.
   *
   * @return the percentage consumed
   */
  public long percentConsumed() {
    if (buffer.isZero()) {
      return consumed.isZero() ? 0 : 100;
    }
    return consumed.toMillis() * 100 / buffer.toMillis();
  }
}

package dev.cutover.report;

import dev.cutover.CutoverException;
import java.util.OptionalLong;

/**
 * Thrown when a log cannot be turned into a report: it holds no cutover run, it names another
 * plan than the one given, or one of its engine events is malformed. A log that merely fails
 * verification is not this: it still reports, with the failure shown.
 */
public class UnreportableLogException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long seq;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param source the log, as the user named it
   * @param seq the entry at fault, or -1 when the problem is not one entry
   * @param message what was expected and what was found
   */
  public UnreportableLogException(String source, long seq, String message) {
    super(source + (seq >= 0 ? ": entry " + seq : "") + ": " + message);
    this.source = source;
    this.seq = seq;
    this.problem = message;
  }

  /**
   * What is wrong, without the log and entry that {@link #getMessage()} starts with.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }

  /**
   * The log, as the user named it.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * The entry at fault.
   *
   * @return its seq, or empty when the problem is not one entry
   */
  public OptionalLong seq() {
    return seq >= 0 ? OptionalLong.of(seq) : OptionalLong.empty();
  }
}

package dev.cutover.gate;

import java.util.Locale;

/** What a metric criterion concludes when it has too little data. Every criterion must choose. */
public enum InsufficientDataPolicy {
  /** Treat it as a failure: the gate says NO_GO. */
  FAIL,
  /** Wait: the criterion stays {@link Outcome#INSUFFICIENT_DATA} and the gate says HOLD. */
  HOLD,
  /** Treat it as a pass, for metrics that are only informative. */
  PASS;

  String evidenceName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.cutover.migration.validation;

import dev.cutover.migration.Evidence;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a {@link Checkpoint}.
 *
 * @param name the checkpoint's name
 * @param passed whether it passed
 * @param detail what was expected and what was found
 * @param evidence the measurements, for the log or a gate (see {@link Evidence})
 */
public record CheckResult(String name, boolean passed, String detail, Map<String, Object> evidence) {
  /** Checks the components. */
  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
    evidence = Evidence.check(evidence);
  }
}

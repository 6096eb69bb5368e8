package dev.cutover.rollback.drill;

import java.util.List;

/**
 * A rollback drill was refused because its target holds scopes the host marked production, and
 * the drill was not explicitly allowed to run there. Nothing was run, requested or logged.
 */
public final class ProductionTargetException extends DrillException {
  private static final long serialVersionUID = 1L;

  private final List<String> productionScopes;

  /**
   * Creates the exception.
   *
   * @param target the drill's target
   * @param productionScopes the scopes marked production
   */
  public ProductionTargetException(String target, List<String> productionScopes) {
    super(
        target,
        "rollback drill on target '" + target + "' refused: its scopes "
            + List.copyOf(productionScopes) + " are marked production, and a drill rolls its"
            + " target back on purpose; run it on a staging copy, or allow it explicitly with"
            + " allowProduction(justification)");
    this.productionScopes = List.copyOf(productionScopes);
  }

  /**
   * The scopes of the target that are marked production.
   *
   * @return an immutable list of scope names
   */
  public List<String> productionScopes() {
    return productionScopes;
  }
}

/**
 * Rollback drills: run a cutover's rollback on purpose against a staging target, measure the
 * recovery per task and in total from the audit log's own times, compare it with the plan's
 * recovery time objective, and record the drill in the log, where the report finds it. Start
 * with {@link dev.cutover.rollback.drill.RollbackDrill#builder()}.
 */
package dev.cutover.rollback.drill;

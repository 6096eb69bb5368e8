/**
 * Plans and their analysis: a {@link dev.cutover.plan.Plan} is a validated DAG of
 * {@link dev.cutover.plan.Task tasks} (steps, gates, milestones), built in code or loaded from a
 * JSON or YAML file with {@link dev.cutover.plan.PlanFiles}; {@link dev.cutover.plan.PlanAnalysis}
 * computes the critical path, float, PERT estimates and buffers, and re-forecasts the end of a
 * cutover from the actual start and finish of its tasks.
 *
 * <p>All times in an analysis are offsets from the plan's start, as {@link java.time.Duration}s
 * with millisecond precision.
 */
package dev.cutover.plan;

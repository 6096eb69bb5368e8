/**
 * Go/no-go gates: exit criteria over host metrics ({@link dev.cutover.gate.Criterion}, tri-state
 * with an explicit policy for insufficient data), time windows ({@link dev.cutover.gate.TimeRules})
 * and signed approvals ({@link dev.cutover.gate.ApprovalPolicy}); a {@link dev.cutover.gate.Gate}
 * decides GO, NO_GO or HOLD as a pure function of the clock and its inputs, and returns everything
 * it looked at as evidence for the audit log (strings, booleans, integers, lists and maps; decimals
 * as strings).
 */
package dev.cutover.gate;

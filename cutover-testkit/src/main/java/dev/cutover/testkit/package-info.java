/**
 * Test support for hosts of Cutover: {@link dev.cutover.testkit.CutoverTest} gives a test a fresh
 * database, audit log and {@link dev.cutover.testkit.TestClock}; {@link
 * dev.cutover.testkit.CutoverAssertions} proves steps idempotent, undo exact, replay deterministic
 * and plans crash-safe, failing with the two digests and a bounded diff of the rows that differ.
 */
package dev.cutover.testkit;

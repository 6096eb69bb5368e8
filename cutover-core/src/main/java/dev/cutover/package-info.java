/**
 * Cutover: rollback-safe migrations and cutovers.
 *
 * <p>This package holds what every other package shares, chiefly {@link dev.cutover.CutoverException},
 * the root of all exceptions the library throws.
 */
package dev.cutover;

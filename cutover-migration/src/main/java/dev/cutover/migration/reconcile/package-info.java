/**
 * Reconciliation: compare a source and a target table by key and row digest, report missing,
 * extra and different keys, and optionally repair the target from the source, reporting every
 * change.
 */
package dev.cutover.migration.reconcile;

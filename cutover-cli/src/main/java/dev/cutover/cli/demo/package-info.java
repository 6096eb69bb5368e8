/**
 * The runnable demo behind {@code cutover demo}: a small banking schema on an embedded H2
 * database, migrated to a new schema by the real engine, migration steps, snapshots, gate and
 * audit log. Not API; used only by the command line.
 */
package dev.cutover.cli.demo;

/**
 * The cutover lease: one row per cutover with its owner, expiry and a fencing token that grows on
 * every takeover, so that at most one process applies a cutover and a process whose lease expired
 * can no longer write.
 */
package dev.cutover.migration.lease;

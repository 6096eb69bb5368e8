/**
 * The tamper-evident audit log (format v1): typed events in, hash-chained entries out, an RFC 9162
 * Merkle tree over the entry hashes with inclusion and consistency proofs, signed checkpoints, and
 * verification that names the first bad entry.
 *
 * <p>Start with {@link dev.cutover.audit.AuditLog#inMemory(java.time.Clock)} or {@link
 * dev.cutover.audit.AuditLog#open(java.nio.file.Path, java.time.Clock)}, append {@link
 * dev.cutover.audit.AuditEvent}s, and verify files with {@link dev.cutover.audit.AuditLogVerifier}.
 */
package dev.cutover.audit;

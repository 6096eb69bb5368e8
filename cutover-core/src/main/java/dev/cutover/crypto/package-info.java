/**
 * Ed25519 keys, signatures and C2SP signed notes.
 *
 * <p>Keys are standard PEM files (PKCS#8 private keys, SPKI public keys), so keys made by {@code
 * openssl genpkey -algorithm ed25519} work, and signatures made here verify with {@code openssl
 * pkeyutl -verify -rawin}. {@link dev.cutover.crypto.VerifierKey} is the {@code
 * <name>+<key id>+<base64(0x01 ‖ public key)>} string of the C2SP signed-note format, and {@link
 * dev.cutover.crypto.SignedNote} reads, writes, signs and verifies such notes with any number of
 * signatures. All types here are immutable and thread-safe.
 */
package dev.cutover.crypto;

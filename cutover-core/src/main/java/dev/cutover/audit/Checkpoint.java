package dev.cutover.audit;

import dev.cutover.crypto.NoteFormatException;
import dev.cutover.crypto.NoteSigner;
import dev.cutover.crypto.SignedNote;
import dev.cutover.crypto.VerifierKey;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A signed tree head in the C2SP {@code tlog-checkpoint} format: an origin line, the tree size in
 * decimal, and the root in standard base64, each ending in a newline, signed as a C2SP signed
 * note.
 *
 * @param origin the log's identity, e.g. {@code example.com/cutover/prod}; non-empty, one line
 * @param size the number of entries the root covers
 * @param root the RFC 9162 root of the first {@code size} entries
 */
public record Checkpoint(String origin, long size, Hash root) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the origin is empty or not one line, or the size negative
   */
  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(root, "root");
    if (origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("checkpoint origin must be one non-empty line without control characters, got '" + origin + "'");
    }
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size must not be negative, got " + size);
    }
  }

  /**
   * Returns the note body: origin, size and base64 root, each followed by a newline.
   *
   * @return the body that is signed
   */
  public String body() {
    return origin + "\n" + size + "\n" + root.base64() + "\n";
  }

  /**
   * Signs this checkpoint.
   *
   * @param signers the keys, at least one
   * @return the signed note
   */
  public SignedNote sign(List<NoteSigner> signers) {
    return SignedNote.sign(body(), signers);
  }

  /**
   * Parses a checkpoint body (extension lines after the root are allowed and ignored).
   *
   * @param body the note body
   * @return the checkpoint
   * @throws NoteFormatException if the body is not a checkpoint
   */
  public static Checkpoint parseBody(String body) {
    Objects.requireNonNull(body, "body");
    String[] lines = body.split("\n", -1);
    if (lines.length < 4 || !body.endsWith("\n")) {
      throw new NoteFormatException("checkpoint body must have an origin, a size and a root line, each ending in a newline");
    }
    long size;
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new NoteFormatException("checkpoint line 2 must be the tree size in decimal, found '" + lines[1] + "'");
    }
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new NoteFormatException("checkpoint line 2 must be the tree size in decimal, found '" + lines[1] + "'");
    }
    Hash root;
    try {
      root = Hash.fromBase64(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new NoteFormatException("checkpoint line 3 must be the root as base64 of 32 bytes, found '" + lines[2] + "'");
    }
    try {
      return new Checkpoint(lines[0], size, root);
    } catch (IllegalArgumentException e) {
      throw new NoteFormatException(e.getMessage());
    }
  }

  /**
   * Parses a signed checkpoint note and verifies its signatures.
   *
   * @param note the note text
   * @param known the verifier keys to trust; unknown signers are ignored, at least one known key
   *     must verify
   * @return the checkpoint
   * @throws NoteFormatException if the note or its body is malformed
   * @throws dev.cutover.crypto.NoteVerificationException if no known key verifies
   */
  public static Checkpoint verify(String note, Collection<VerifierKey> known) {
    SignedNote n = SignedNote.parse(note);
    n.verify(known);
    return parseBody(n.body());
  }
}

package dev.cutover.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note: a text body followed by a blank line and one or more signature lines {@code
 * — <key name> <base64(key id ‖ signature)>}.
 *
 * <p>The body is one or more lines, each ending in {@code \n}; Ed25519 signs exactly its UTF-8
 * bytes. A note may carry several signatures (key rotation, cosigners). {@link #verify} ignores
 * signatures by unknown keys and requires at least one known key to verify; a signature by a known
 * key that does not verify fails the whole note. Immutable and thread-safe.
 */
public final class SignedNote {
  private static final String DASH = "\u2014 ";
  private static final int MAX_SIGNATURES = 100;

  private final String body;
  private final List<Signature> signatures;

  /**
   * One signature line of a note.
   *
   * @param name the key name
   * @param keyId the key id
   * @param signature the 64-byte Ed25519 signature (or, for other algorithms, whatever bytes the
   *     line carried after the key id)
   */
  public record Signature(String name, int keyId, byte[] signature) {
    /**
     * Copies the signature bytes.
     *
     * @throws NullPointerException if an argument is null
     */
    public Signature {
      Objects.requireNonNull(name, "name");
      signature = Objects.requireNonNull(signature, "signature").clone();
    }

    /**
     * Returns a copy of the signature bytes.
     *
     * @return the bytes after the key id
     */
    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature
          && ((Signature) o).name.equals(name)
          && ((Signature) o).keyId == keyId
          && Arrays.equals(((Signature) o).signature, signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
      return line();
    }

    String line() {
      byte[] raw = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
      return DASH + name + " " + Base64.getEncoder().encodeToString(raw) + "\n";
    }
  }

  private SignedNote(String body, List<Signature> signatures) {
    this.body = body;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Signs a body with one or more keys.
   *
   * @param body the body: non-empty, ending in a newline, without blank lines
   * @param signers the signing keys, at least one
   * @return the signed note
   * @throws NoteFormatException if the body is not a valid note body
   */
  public static SignedNote sign(String body, List<NoteSigner> signers) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(signers, "signers");
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("signers must not be empty");
    }
    checkBody(body);
    List<Signature> sigs = new ArrayList<>();
    for (NoteSigner s : signers) {
      sigs.add(signature(body, s));
    }
    return new SignedNote(body, sigs);
  }

  /**
   * Returns this note with one more signature, e.g. a cosigner's.
   *
   * @param signer the additional key
   * @return a new note with the same body and signatures, plus the new one
   */
  public SignedNote cosign(NoteSigner signer) {
    Objects.requireNonNull(signer, "signer");
    List<Signature> sigs = new ArrayList<>(signatures);
    sigs.add(signature(body, signer));
    return new SignedNote(body, sigs);
  }

  private static Signature signature(String body, NoteSigner s) {
    byte[] sig = s.privateKey().sign(body.getBytes(StandardCharsets.UTF_8));
    return new Signature(s.name(), s.verifierKey().keyId(), sig);
  }

  /**
   * Parses a signed note.
   *
   * @param text the note text
   * @return the note, not yet verified
   * @throws NoteFormatException if the text is not a well-formed signed note
   */
  public static SignedNote parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.endsWith("\n")) {
      throw new NoteFormatException("signed note must end with a newline");
    }
    int split = text.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteFormatException("signed note has no blank line between its body and its signatures");
    }
    String body = text.substring(0, split + 1);
    checkBody(body);
    String[] lines = text.substring(split + 2).split("\n", -1);
    List<Signature> sigs = new ArrayList<>();
    int bodyLines = (int) body.chars().filter(c -> c == '\n').count();
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      int lineNo = bodyLines + 2 + i;
      if (!line.startsWith(DASH)) {
        throw new NoteFormatException("signed note line " + lineNo + " must start with '\u2014 ', found '" + line + "'");
      }
      String rest = line.substring(DASH.length());
      int sp = rest.indexOf(' ');
      if (sp <= 0 || rest.indexOf(' ', sp + 1) >= 0) {
        throw new NoteFormatException("signed note line " + lineNo + " must be '\u2014 <name> <base64>', found '" + line + "'");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(rest.substring(sp + 1));
      } catch (IllegalArgumentException e) {
        throw new NoteFormatException("signed note line " + lineNo + " has a signature that is not base64");
      }
      if (raw.length < 5) {
        throw new NoteFormatException("signed note line " + lineNo + " has a signature shorter than 5 bytes");
      }
      ByteBuffer bb = ByteBuffer.wrap(raw);
      int id = bb.getInt();
      sigs.add(new Signature(rest.substring(0, sp), id, Arrays.copyOfRange(raw, 4, raw.length)));
    }
    if (sigs.isEmpty()) {
      throw new NoteFormatException("signed note has no signature lines");
    }
    if (sigs.size() > MAX_SIGNATURES) {
      throw new NoteFormatException("signed note has " + sigs.size() + " signatures, at most " + MAX_SIGNATURES + " allowed");
    }
    return new SignedNote(body, sigs);
  }

  private static void checkBody(String body) {
    if (body.isEmpty() || !body.endsWith("\n")) {
      throw new NoteFormatException("note body must be non-empty and end with a newline");
    }
    if (body.contains("\n\n") || body.startsWith("\n")) {
      throw new NoteFormatException("note body must not contain blank lines");
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\n' && Character.isISOControl(c)) {
        throw new NoteFormatException("note body contains control character U+" + String.format("%04X", (int) c));
      }
    }
  }

  /**
   * Verifies the note against known keys.
   *
   * @param known the verifier keys to trust
   * @return the known keys whose signatures verified, at least one
   * @throws NoteVerificationException if no known key signed the note, or a signature by a known
   *     key does not verify
   */
  public List<VerifierKey> verify(Collection<VerifierKey> known) {
    Objects.requireNonNull(known, "known");
    byte[] msg = body.getBytes(StandardCharsets.UTF_8);
    List<VerifierKey> ok = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Signature s : signatures) {
      names.add(s.name());
      for (VerifierKey k : known) {
        if (k.name().equals(s.name()) && k.keyId() == s.keyId()) {
          if (!k.publicKey().verify(msg, s.signature)) {
            throw new NoteVerificationException(
                "signature by key '" + s.name() + "' (id " + k.keyIdHex() + ") does not verify: the note was changed or signed by another key",
                names);
          }
          if (!ok.contains(k)) {
            ok.add(k);
          }
        }
      }
    }
    if (ok.isEmpty()) {
      List<String> knownNames = new ArrayList<>();
      for (VerifierKey k : known) {
        knownNames.add(k.name() + "+" + k.keyIdHex());
      }
      throw new NoteVerificationException(
          "note has no signature by a known key (signed by: " + String.join(", ", names) + "; known: " + String.join(", ", knownNames) + ")",
          names);
    }
    return List.copyOf(ok);
  }

  /**
   * Returns the body: the signed text.
   *
   * @return the body, ending in a newline
   */
  public String body() {
    return body;
  }

  /**
   * Returns the signatures in the order of the note.
   *
   * @return the signatures
   */
  public List<Signature> signatures() {
    return signatures;
  }

  /** Returns the note as text: body, blank line, signature lines. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(body).append('\n');
    for (Signature s : signatures) {
      sb.append(s.line());
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedNote && ((SignedNote) o).body.equals(body) && ((SignedNote) o).signatures.equals(signatures);
  }

  @Override
  public int hashCode() {
    return body.hashCode() * 31 + signatures.hashCode();
  }
}

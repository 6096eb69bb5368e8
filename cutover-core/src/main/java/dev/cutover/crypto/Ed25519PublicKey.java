package dev.cutover.crypto;

import dev.cutover.internal.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 public key (RFC 8032): 32 bytes, read and written as a PEM SPKI ("PUBLIC KEY") file.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ed25519PublicKey {
  /** The length of an Ed25519 public key in bytes. */
  public static final int LENGTH = 32;

  private static final ASN1ObjectIdentifier ED25519_OID = new ASN1ObjectIdentifier("1.3.101.112");

  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private final byte[] bytes;

  private Ed25519PublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns the public key with these 32 bytes.
   *
   * @param bytes the encoded point
   * @return the key
   * @throws KeyFormatException if there are not exactly 32 bytes
   */
  public static Ed25519PublicKey of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new KeyFormatException(
          "public key", "an Ed25519 public key has 32 bytes, got " + bytes.length);
    }
    return new Ed25519PublicKey(bytes.clone());
  }

  /**
   * Reads a PEM "PUBLIC KEY" (SPKI) block.
   *
   * @param pem the PEM text
   * @return the key
   * @throws KeyFormatException if the text is not an Ed25519 SPKI PEM block
   */
  public static Ed25519PublicKey fromPem(String pem) {
    return fromPem(pem, "public key");
  }

  /**
   * Reads a PEM "PUBLIC KEY" (SPKI) block that was read from somewhere else, typically a file the
   * caller has already read. Errors start with {@code source} and {@link
   * KeyFormatException#source()} is {@code source}, exactly as when {@link #read(Path)} reads the
   * file itself.
   *
   * @param pem the PEM text
   * @param source where the text came from, for messages: a file name, or a description such as
   *     {@code "approver key"}
   * @return the key
   * @throws NullPointerException if an argument is null
   * @throws KeyFormatException if the text is not an Ed25519 SPKI PEM block
   */
  public static Ed25519PublicKey fromPem(String pem, String source) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pem, "pem");
    byte[] der = Pem.decode("PUBLIC KEY", pem, source);
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new KeyFormatException(source, source + ": not a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
    }
    if (!ED25519_OID.equals(info.getAlgorithm().getAlgorithm())) {
      throw new KeyFormatException(
          source,
          source + ": expected an Ed25519 key (OID 1.3.101.112), found OID " + info.getAlgorithm().getAlgorithm());
    }
    byte[] key = info.getPublicKeyData().getOctets();
    if (key.length != LENGTH) {
      throw new KeyFormatException(source, source + ": an Ed25519 public key has 32 bytes, got " + key.length);
    }
    return new Ed25519PublicKey(key);
  }

  /**
   * Reads a PEM public key file.
   *
   * @param file the file
   * @return the key
   * @throws KeyFormatException if the file cannot be read or holds no Ed25519 public key
   */
  public static Ed25519PublicKey read(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return fromPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (IOException e) {
      throw new KeyFormatException(file.toString(), "cannot read public key " + file + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * Returns the 32-byte encoding of the key.
   *
   * @return a fresh copy of the bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the DER SubjectPublicKeyInfo encoding.
   *
   * @return the DER bytes
   */
  public byte[] spki() {
    byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + LENGTH);
    System.arraycopy(bytes, 0, der, SPKI_PREFIX.length, LENGTH);
    return der;
  }

  /**
   * Returns the key as a PEM "PUBLIC KEY" block, as {@code openssl pkey -pubout} writes it.
   *
   * @return the PEM text, ending in a newline
   */
  public String toPem() {
    return Pem.encode("PUBLIC KEY", spki());
  }

  /**
   * Verifies an Ed25519 signature (RFC 8032, with canonical-encoding checks on the signature and
   * the key).
   *
   * @param message the signed message
   * @param signature the 64-byte signature
   * @return whether the signature is valid for this key and message
   */
  public boolean verify(byte[] message, byte[] signature) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    if (signature.length != 64) {
      return false;
    }
    Ed25519PublicKeyParameters params;
    try {
      params = new Ed25519PublicKeyParameters(bytes, 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, params);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey && Arrays.equals(bytes, ((Ed25519PublicKey) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Returns the key as base64 of its 32 bytes. */
  @Override
  public String toString() {
    return "Ed25519PublicKey[" + Base64.getEncoder().encodeToString(bytes) + "]";
  }
}

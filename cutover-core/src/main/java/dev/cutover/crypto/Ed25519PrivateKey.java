package dev.cutover.crypto;

import dev.cutover.internal.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 private key (RFC 8032), read and written as a PEM PKCS#8 ("PRIVATE KEY") file, the
 * format of {@code openssl genpkey -algorithm ed25519}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 */
public final class Ed25519PrivateKey {
  /** The length of an Ed25519 private key (its seed) in bytes. */
  public static final int LENGTH = 32;

  private static final ASN1ObjectIdentifier ED25519_OID = new ASN1ObjectIdentifier("1.3.101.112");

  private static final byte[] PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };

  private final byte[] seed;
  private final Ed25519PrivateKeyParameters params;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(byte[] seed) {
    this.seed = seed;
    this.params = new Ed25519PrivateKeyParameters(seed, 0);
    this.publicKey = Ed25519PublicKey.of(params.generatePublicKey().getEncoded());
  }

  /**
   * Generates a new key.
   *
   * @param random the source of randomness, e.g. {@code new SecureRandom()}
   * @return the key
   */
  public static Ed25519PrivateKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] seed = new byte[LENGTH];
    random.nextBytes(seed);
    return new Ed25519PrivateKey(seed);
  }

  /**
   * Returns the key with this 32-byte seed (the RFC 8032 private key).
   *
   * @param seed the seed
   * @return the key
   * @throws KeyFormatException if there are not exactly 32 bytes
   */
  public static Ed25519PrivateKey fromSeed(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != LENGTH) {
      throw new KeyFormatException("private key", "an Ed25519 private key has 32 bytes, got " + seed.length);
    }
    return new Ed25519PrivateKey(seed.clone());
  }

  /**
   * Reads a PEM "PRIVATE KEY" (PKCS#8, version 1 or 2) block. Errors name the key as {@code
   * private key}; {@link #fromPem(String, String)} names where the text came from.
   *
   * @param pem the PEM text
   * @return the key
   * @throws KeyFormatException if the text is not an Ed25519 PKCS#8 PEM block
   */
  public static Ed25519PrivateKey fromPem(String pem) {
    return fromPem(pem, "private key");
  }

  /**
   * Reads a PEM "PRIVATE KEY" (PKCS#8, version 1 or 2) block that was read from somewhere else,
   * typically a file the caller has already read (for example to say in its own words why the
   * file could not be read, or because it can be read only once, like a pipe). Errors start
   * with {@code source} and {@link KeyFormatException#source()} is {@code source}, exactly as
   * when {@link #read(Path)} reads the file itself: {@code keys/release.pem: expected a PEM
   * '-----BEGIN PRIVATE KEY-----' block, found -----BEGIN PUBLIC KEY-----}.
   *
   * @param pem the PEM text
   * @param source where the text came from, for messages: a file name, or a description such as
   *     {@code "approver key"}
   * @return the key
   * @throws NullPointerException if an argument is null
   * @throws KeyFormatException if the text is not an Ed25519 PKCS#8 PEM block
   */
  public static Ed25519PrivateKey fromPem(String pem, String source) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pem, "pem");
    byte[] der = Pem.decode("PRIVATE KEY", pem, source);
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
      if (!ED25519_OID.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
        throw new KeyFormatException(
            source,
            source
                + ": expected an Ed25519 key (OID 1.3.101.112), found OID "
                + info.getPrivateKeyAlgorithm().getAlgorithm());
      }
      byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
      if (seed.length != LENGTH) {
        throw new KeyFormatException(source, source + ": an Ed25519 private key has 32 bytes, got " + seed.length);
      }
      return new Ed25519PrivateKey(seed);
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyFormatException) {
        throw (KeyFormatException) e;
      }
      throw new KeyFormatException(source, source + ": not a DER PKCS#8 private key: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a PEM private key file.
   *
   * @param file the file
   * @return the key
   * @throws KeyFormatException if the file cannot be read or holds no Ed25519 private key
   */
  public static Ed25519PrivateKey read(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return fromPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (IOException e) {
      throw new KeyFormatException(file.toString(), "cannot read private key " + file + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * Writes the key as PEM to a new file, readable only by its owner where the file system
   * supports POSIX permissions.
   *
   * @param file the file, which must not exist
   * @throws KeyFormatException if the file exists or cannot be written
   */
  public void write(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, toPem(), StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFormatException(file.toString(), "will not overwrite existing key file " + file, e);
    } catch (IOException e) {
      throw new KeyFormatException(file.toString(), "cannot write private key " + file + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * Returns the public key.
   *
   * @return the public key
   */
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Returns the DER PKCS#8 (version 1) encoding.
   *
   * @return the DER bytes
   */
  public byte[] pkcs8() {
    byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + LENGTH);
    System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, LENGTH);
    return der;
  }

  /**
   * Returns the key as a PEM "PRIVATE KEY" block, as {@code openssl genpkey} writes it.
   *
   * @return the PEM text, ending in a newline
   */
  public String toPem() {
    return Pem.encode("PRIVATE KEY", pkcs8());
  }

  /**
   * Signs a message with Ed25519 (pure, RFC 8032).
   *
   * @param message the message
   * @return the 64-byte signature
   */
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, params);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Returns a description that names the public key only. */
  @Override
  public String toString() {
    return "Ed25519PrivateKey[public " + publicKey + "]";
  }
}

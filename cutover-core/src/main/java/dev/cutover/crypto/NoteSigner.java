package dev.cutover.crypto;

import java.util.Objects;

/**
 * A named Ed25519 private key that signs notes. Immutable and thread-safe.
 *
 * @param name the key name: non-empty, no white space, no {@code +}
 * @param privateKey the private key
 */
public record NoteSigner(String name, Ed25519PrivateKey privateKey) {
  /**
   * Checks the name.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is empty or contains white space or {@code +}
   */
  public NoteSigner {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(privateKey, "privateKey");
    VerifierKey.checkName(name);
  }

  /**
   * Returns the verifier key that checks this signer's signatures.
   *
   * @return the verifier key with the same name
   */
  public VerifierKey verifierKey() {
    return new VerifierKey(name, privateKey.publicKey());
  }
}

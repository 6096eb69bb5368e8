package dev.cutover.gate;

import dev.cutover.crypto.Ed25519PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A signed approval: the exact statement bytes and an Ed25519 signature over them. The signer is
 * found among an {@link ApprovalPolicy}'s configured approvers. A signature made outside Java, for
 * example with {@code openssl pkeyutl -sign -rawin -inkey key.pem -in statement.json}, is accepted
 * as long as the statement bytes are canonical. Immutable and thread-safe.
 */
public final class Approval {
  private final byte[] statement;
  private final byte[] signature;

  private Approval(byte[] statement, byte[] signature) {
    this.statement = statement;
    this.signature = signature;
  }

  /**
   * An approval from the signed bytes and the signature.
   *
   * @param statement the signed statement bytes
   * @param signature the signature, normally 64 bytes
   * @return the approval
   */
  public static Approval of(byte[] statement, byte[] signature) {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(signature, "signature");
    return new Approval(statement.clone(), signature.clone());
  }

  /**
   * Signs a statement.
   *
   * @param statement the statement
   * @param key the approver's private key
   * @return the approval
   */
  public static Approval sign(ApprovalStatement statement, Ed25519PrivateKey key) {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(key, "key");
    byte[] bytes = statement.toBytes();
    return new Approval(bytes, key.sign(bytes));
  }

  /**
   * The signed statement bytes.
   *
   * @return a fresh copy
   */
  public byte[] statement() {
    return statement.clone();
  }

  /**
   * The signature.
   *
   * @return a fresh copy
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The signature in standard base64, as evidence and {@link PriorApproval}s record it.
   *
   * @return the base64 text
   */
  public String signatureBase64() {
    return Base64.getEncoder().encodeToString(signature);
  }

  byte[] statementBytes() {
    return statement;
  }

  byte[] signatureBytes() {
    return signature;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Approval a
        && Arrays.equals(statement, a.statement)
        && Arrays.equals(signature, a.signature);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(statement) + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Approval[" + signatureBase64() + "]";
  }
}

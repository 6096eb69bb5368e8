package dev.cutover.migration.masking;

/** How a pseudonym looks. */
public enum Mask {
  /** Lower-case hex of the HMAC, as long as the original value (at least 8 characters, at most 64). */
  HEX,
  /** An address {@code u<16 hex>@example.invalid}: still a valid e-mail address, never deliverable. */
  EMAIL,
  /** Decimal digits, as many as the original value has characters (at most 64). */
  DIGITS
}

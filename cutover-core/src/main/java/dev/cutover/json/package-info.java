/**
 * RFC 8785 canonical JSON (JCS) with Cutover's number rule: every number is an integer with
 * absolute value at most 2<sup>53</sup> - 1; decimals, money and big integers are written as
 * strings.
 *
 * <p>{@link dev.cutover.json.CanonicalJson} converts Java values (strings, booleans, integral
 * numbers, {@code null}, lists and maps with string keys) to canonical bytes and parses JSON text
 * back into such values. {@link dev.cutover.json.CanonicalJsonWriter} writes straight into a
 * reusable byte buffer for hot paths.
 */
package dev.cutover.json;

/**
 * Masking: a step that pseudonymises columns deterministically with a keyed HMAC-SHA256, for
 * production data copied to lower environments. The same value under the same key and mask always
 * gives the same pseudonym, so joins on masked columns still match.
 */
package dev.cutover.migration.masking;

package dev.cutover.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
  private static final NoteSigner ALICE =
      new NoteSigner("alice", Ed25519PrivateKey.fromSeed(HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
  private static final NoteSigner BOB =
      new NoteSigner("bob.example", Ed25519PrivateKey.fromSeed(new byte[32]));
  private static final String BODY = "example.com/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

  @Test
  void verifierKey_roundTripsAndKeyIdIsChecked() {
    VerifierKey vk = ALICE.verifierKey();
    String text = vk.toString();
    assertThat(text).matches("alice\\+[0-9a-f]{8}\\+Ad[A-Za-z0-9+/]{42}");
    assertThat(VerifierKey.parse(text)).isEqualTo(vk);
    String wrongId = "alice+00000000+" + text.substring("alice+12345678+".length());
    assertThatThrownBy(() -> VerifierKey.parse(wrongId))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("has key id 00000000 but its name and key give " + vk.keyIdHex());
    assertThatThrownBy(() -> VerifierKey.parse("nonsense")).isInstanceOf(KeyFormatException.class);
  }

  /** The example of golang.org/x/mod/sumdb/note: same key, same verifier key, same note. */
  @Test
  void sign_reproducesTheGoSumdbNoteExample() {
    byte[] raw = java.util.Base64.getDecoder().decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
    NoteSigner peter = new NoteSigner("PeterNeumann", Ed25519PrivateKey.fromSeed(java.util.Arrays.copyOfRange(raw, 1, 33)));
    assertThat(peter.verifierKey().toString())
        .isEqualTo("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    String text = "If you think cryptography is the answer to your problem,\n"
        + "then you don't know what your problem is.\n";
    String expected = text
        + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    assertThat(SignedNote.sign(text, List.of(peter)).toString()).isEqualTo(expected);
    assertThat(SignedNote.parse(expected).verify(List.of(VerifierKey.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))))
        .hasSize(1);
  }

  @Test
  void signAndParse_roundTrip_withSeveralSignatures() {
    SignedNote note = SignedNote.sign(BODY, List.of(ALICE)).cosign(BOB);
    String text = note.toString();
    assertThat(text).startsWith(BODY + "\n\u2014 alice ").contains("\n\u2014 bob.example ");
    SignedNote parsed = SignedNote.parse(text);
    assertThat(parsed).isEqualTo(note);
    assertThat(parsed.verify(List.of(BOB.verifierKey()))).containsExactly(BOB.verifierKey());
    assertThat(parsed.verify(List.of(ALICE.verifierKey(), BOB.verifierKey())))
        .containsExactly(ALICE.verifierKey(), BOB.verifierKey());
  }

  @Test
  void verify_ignoresUnknownKeys_butNeedsOneKnownKey() {
    SignedNote note = SignedNote.sign(BODY, List.of(ALICE, BOB));
    NoteSigner carol = new NoteSigner("carol", Ed25519PrivateKey.fromSeed(new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
    assertThatThrownBy(() -> note.verify(List.of(carol.verifierKey())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("no signature by a known key (signed by: alice, bob.example");
  }

  @Test
  void verify_failsWhenTheBodyChanges() {
    String text = SignedNote.sign(BODY, List.of(ALICE)).toString().replace("\n3\n", "\n4\n");
    assertThatThrownBy(() -> SignedNote.parse(text).verify(List.of(ALICE.verifierKey())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("signature by key 'alice'");
  }

  @Test
  void parse_refusesMalformedNotes() {
    assertThatThrownBy(() -> SignedNote.parse(BODY)).isInstanceOf(NoteFormatException.class);
    assertThatThrownBy(() -> SignedNote.parse(BODY + "\n- alice AAAA\n"))
        .isInstanceOf(NoteFormatException.class)
        .hasMessageContaining("line 5 must start with");
    assertThatThrownBy(() -> SignedNote.parse(BODY + "\n\u2014 alice AAAA"))
        .isInstanceOf(NoteFormatException.class)
        .hasMessageContaining("end with a newline");
  }
}

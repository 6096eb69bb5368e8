package dev.cutover.cli;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.Checkpoint;
import dev.cutover.audit.Hash;
import dev.cutover.audit.MerkleProofs;
import dev.cutover.crypto.VerifierKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover log check-inclusion} and {@code cutover log check-consistency}: verify a proof
 * that {@code prove-inclusion} or {@code prove-consistency} printed, without the log, against a
 * root given in hex or taken from a signed checkpoint. What an auditor holding only a checkpoint
 * and one entry (or two checkpoints) can check. Exit 0 if the proof verifies, 1 if it does not, 2
 * for bad input.
 */
final class ProofChecks {
  private ProofChecks() {}

  /** Where a tree head (size and root) comes from: given in hex, or a verified checkpoint. */
  static final class TreeHead {
    @ArgGroup(exclusive = false, multiplicity = "0..1")
    Given given;

    @ArgGroup(exclusive = false, multiplicity = "0..1")
    Signed signed;

    static final class Given {
      @Option(names = "--size", paramLabel = "N", required = true, description = "the log size the proof is for")
      long size;

      @Option(names = "--root", paramLabel = "HEX", required = true, description = "the root of the first N entries, in hex")
      String root;
    }

    static final class Signed {
      @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
          description = "a signed checkpoint note whose size and root the proof is for")
      Path checkpoint;

      @Option(names = "--key", paramLabel = "VERIFIER_KEY", required = true,
          description = "a trusted verifier key for the checkpoint (repeatable)")
      List<String> keys = new ArrayList<>();
    }
  }

  static Checkpoint head(CommandLine cl, TreeHead head, String what) {
    if (head == null || (head.given == null) == (head.signed == null)) {
      throw new CommandLine.ParameterException(cl,
          what + ": give either --size N --root HEX, or --checkpoint FILE --key VERIFIER_KEY");
    }
    if (head.given != null) {
      if (head.given.size < 1) {
        throw new CommandLine.ParameterException(cl, "--size " + head.given.size + " must be at least 1");
      }
      return new Checkpoint("(given)", head.given.size, hash(cl, "--root", head.given.root));
    }
    List<VerifierKey> trusted = new ArrayList<>();
    for (String k : head.signed.keys) {
      trusted.add(VerifierKey.parse(k));
    }
    String note = FileErrors.readText(head.signed.checkpoint, "checkpoint");
    try {
      return Checkpoint.verify(note, trusted);
    } catch (dev.cutover.crypto.NoteVerificationException e) {
      throw new dev.cutover.crypto.NoteVerificationException(
          "checkpoint " + head.signed.checkpoint + ": " + e.getMessage(), e.signers());
    } catch (dev.cutover.crypto.NoteFormatException e) {
      throw new dev.cutover.crypto.NoteFormatException(
          "checkpoint " + head.signed.checkpoint + ": " + e.getMessage());
    }
  }

  static Hash hash(CommandLine cl, String where, String hex) {
    String h = hex.strip();
    if (!h.matches("[0-9a-fA-F]{64}")) {
      throw new CommandLine.ParameterException(cl,
          where + ": expected 64 hex digits (a SHA-256 hash), got '" + abbreviate(h) + "'");
    }
    return Hash.fromHex(h.toLowerCase(java.util.Locale.ROOT));
  }

  /** The proof: hex hashes one per line, from a file or standard input ({@code -}). */
  static List<Hash> proof(CommandLine cl, String source) {
    String text;
    if (source.equals("-")) {
      try (InputStream in = System.in) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the proof from standard input: " + e.getMessage(), e);
      }
    } else {
      text = FileErrors.readText(Path.of(source), "proof");
    }
    List<Hash> hashes = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      hashes.add(hash(cl, "proof " + (source.equals("-") ? "on standard input" : source) + " line " + (i + 1), lines[i]));
    }
    return hashes;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  @Command(name = "check-inclusion", mixinStandardHelpOptions = true,
      header = "Check an inclusion proof against a root or a signed checkpoint, without the log.",
      description = "Check that the entry at --index is in the log whose first N entries have the"
          + " given root, with the proof prove-inclusion printed (hex hashes, one per line; '-' reads"
          + " standard input). The entry is its leaf hash (--leaf HEX, its 'hash' member) or the"
          + " entry's line itself (--entry FILE), whose hash is recomputed. Exit 0 if the proof"
          + " holds, 1 if not, 2 for bad input.")
  static final class CheckInclusion implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROOF", description = "the proof file, or - for standard input")
    String proof;

    @Option(names = "--index", paramLabel = "I", required = true, description = "the seq of the entry")
    long index;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Leaf leaf;

    static final class Leaf {
      @Option(names = "--leaf", paramLabel = "HEX", description = "the entry's leaf hash (its 'hash' member)")
      String hex;

      @Option(names = "--entry", paramLabel = "FILE", description = "a file holding the entry's line (JSON Lines, format v1)")
      Path entry;
    }

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "The tree head:%n")
    TreeHead head;

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      Checkpoint to = head(cl, head, "check-inclusion");
      if (index < 0 || index >= to.size()) {
        throw new CommandLine.ParameterException(cl,
            "--index " + index + " is not an entry of a log of size " + to.size());
      }
      Hash leafHash;
      if (leaf.hex != null) {
        leafHash = hash(cl, "--leaf", leaf.hex);
      } else {
        String line = FileErrors.readText(leaf.entry, "entry").strip();
        AuditEntry e;
        try {
          e = AuditEntry.parse(line);
        } catch (dev.cutover.audit.InvalidEntryException x) {
          if (x.reason() == dev.cutover.audit.LogVerification.Reason.HASH_MISMATCH) {
            throw new Main.VerificationFailedException("entry file " + leaf.entry + ": " + x.getMessage());
          }
          throw new IllegalArgumentException("entry file " + leaf.entry + ": " + x.getMessage(), x);
        }
        if (e.seq() != index) {
          throw new CommandLine.ParameterException(cl,
              "entry file " + leaf.entry + " holds seq " + e.seq() + ", not --index " + index);
        }
        leafHash = e.hash();
      }
      MerkleProofs.verifyInclusion(leafHash, index, to.size(), proof(cl, proof), to.root());
      PrintWriter out = cl.getOut();
      out.println("inclusion proof verified: entry " + index + " (leaf " + leafHash.hex()
          + ") is in the log of size " + to.size() + " with root " + to.root().hex());
      return Main.OK;
    }
  }

  @Command(name = "check-consistency", mixinStandardHelpOptions = true,
      header = "Check a consistency proof from an older root to a newer root or signed checkpoint, without the log.",
      description = "Check that the log of size --from with root --from-root is a prefix of the log"
          + " of the tree head given by --size/--root or --checkpoint/--key, with the proof"
          + " prove-consistency printed (hex hashes, one per line; '-' reads standard input). Exit 0"
          + " if it holds, 1 if not, 2 for bad input.")
  static final class CheckConsistency implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROOF", description = "the proof file, or - for standard input")
    String proof;

    @Option(names = "--from", paramLabel = "M", required = true, description = "the older size, at least 1")
    long from;

    @Option(names = "--from-root", paramLabel = "HEX", required = true, description = "the root of the first M entries, in hex")
    String fromRoot;

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "The newer tree head:%n")
    TreeHead head;

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      Checkpoint to = head(cl, head, "check-consistency");
      if (from < 1 || from > to.size()) {
        throw new CommandLine.ParameterException(cl,
            "--from " + from + " must be between 1 and the newer size " + to.size());
      }
      Hash older = hash(cl, "--from-root", fromRoot);
      MerkleProofs.verifyConsistency(from, to.size(), proof(cl, proof), older, to.root());
      cl.getOut().println("consistency proof verified: the log of size " + from + " (root "
          + older.hex() + ") is a prefix of the log of size " + to.size() + " (root "
          + to.root().hex() + ")");
      return Main.OK;
    }
  }
}

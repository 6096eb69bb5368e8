package dev.cutover.cli;

import dev.cutover.audit.AuditLog;
import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.audit.Checkpoint;
import dev.cutover.audit.Hash;
import dev.cutover.audit.LogVerification;
import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.crypto.NoteSigner;
import dev.cutover.crypto.VerifierKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutover log ...}: verify audit logs, print roots and proofs, sign checkpoints. */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "Verify an audit log, print its root and proofs, check proofs, sign checkpoints.",
    subcommands = {
      LogCommand.Verify.class,
      LogCommand.Root.class,
      LogCommand.ProveInclusion.class,
      LogCommand.ProveConsistency.class,
      ProofChecks.CheckInclusion.class,
      ProofChecks.CheckConsistency.class,
      LogCommand.SignCheckpoint.class
    })
final class LogCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (verify, root, prove-inclusion, prove-consistency, check-inclusion, check-consistency, checkpoint)");
  }

  static void print(PrintWriter out, List<Hash> hashes) {
    for (Hash h : hashes) {
      out.println(h.hex());
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      header = "Verify LOG, and with --checkpoint that a signed checkpoint matches it.",
      description = {"Verify every entry of LOG (canonical form, seq, prev, hash) and, with",
          "--checkpoint, that the checkpoint is signed by --key and matches the log;",
          "with --origin too, that it is a checkpoint of that log (its origin line).",
          "Exit 0 if it verifies, 1 if not."})
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "the JSON Lines audit log")
    Path log;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "a signed checkpoint note to check the log against")
    Path checkpoint;

    @Option(names = "--key", paramLabel = "VERIFIER_KEY", description = "a trusted verifier key <name>+<id>+<key> (repeatable)")
    List<String> keys = new ArrayList<>();

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "the origin line the checkpoint must have (with --checkpoint)")
    String origin;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (origin != null && checkpoint == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--origin is only used with --checkpoint");
      }
      Checkpoint cp = null;
      if (checkpoint != null) {
        if (keys.isEmpty()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint needs at least one --key to verify it with");
        }
        List<VerifierKey> trusted = new ArrayList<>();
        for (String k : keys) {
          trusted.add(VerifierKey.parse(k));
        }
        String note = FileErrors.readText(checkpoint, "checkpoint");
        try {
          cp = Checkpoint.verify(note, trusted);
        } catch (dev.cutover.crypto.NoteVerificationException e) {
          throw new dev.cutover.crypto.NoteVerificationException("checkpoint " + checkpoint + ": " + e.getMessage(), e.signers());
        } catch (dev.cutover.crypto.NoteFormatException e) {
          throw new dev.cutover.crypto.NoteFormatException("checkpoint " + checkpoint + ": " + e.getMessage());
        }
      } else if (!keys.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--key is only used with --checkpoint");
      }
      LogVerification v;
      try (ProgressBar bar = bar(spec, "verifying " + log, log)) {
        v = AuditLogVerifier.verify(log, cp, origin, (read, total) -> bar.update(read));
      }
      if (!v.ok()) {
        throw new Main.VerificationFailedException(v.summary());
      }
      out.println(v.summary());
      if (cp != null) {
        out.println("checkpoint " + checkpoint + ": origin " + cp.origin() + ", size " + cp.size() + ", root matches");
      }
      return Main.OK;
    }
  }

  @Command(name = "root", mixinStandardHelpOptions = true,
      description = "Print the hex RFC 9162 root of the first N entries of LOG (default: all). The log is verified first.")
  static final class Root implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "the JSON Lines audit log")
    Path log;

    @Option(names = "--size", paramLabel = "N", description = "the number of entries (default: all)")
    Long size;

    @Override
    public Integer call() {
      try (AuditLog l = open(spec, log)) {
        long n = size == null ? l.size() : checkSize(spec, "--size", size, l);
        spec.commandLine().getOut().println(l.root(n).hex());
      }
      return Main.OK;
    }
  }

  @Command(name = "prove-inclusion", mixinStandardHelpOptions = true,
      description = "Print the inclusion proof of entry I in the log of size N: hex hashes, one per line, leaf level first.")
  static final class ProveInclusion implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "the JSON Lines audit log")
    Path log;

    @Option(names = "--index", paramLabel = "I", required = true, description = "the seq of the entry")
    long index;

    @Option(names = "--size", paramLabel = "N", description = "the log size the proof is for (default: all)")
    Long size;

    @Override
    public Integer call() {
      try (AuditLog l = open(spec, log)) {
        long n = size == null ? l.size() : checkSize(spec, "--size", size, l);
        if (index < 0 || index >= n) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--index " + index + " is not an entry of a log of size " + n);
        }
        print(spec.commandLine().getOut(), l.inclusionProof(index, n));
      }
      return Main.OK;
    }
  }

  @Command(name = "prove-consistency", mixinStandardHelpOptions = true,
      description = "Print the consistency proof from size M to size N: hex hashes, one per line, leaf level first.")
  static final class ProveConsistency implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "the JSON Lines audit log")
    Path log;

    @Option(names = "--from", paramLabel = "M", required = true, description = "the older size, at least 1")
    long from;

    @Option(names = "--to", paramLabel = "N", description = "the newer size (default: all)")
    Long to;

    @Override
    public Integer call() {
      try (AuditLog l = open(spec, log)) {
        long n = to == null ? l.size() : checkSize(spec, "--to", to, l);
        if (from < 1 || from > n) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from + " must be between 1 and " + n);
        }
        print(spec.commandLine().getOut(), l.consistencyProof(from, n));
      }
      return Main.OK;
    }
  }

  @Command(name = "checkpoint", mixinStandardHelpOptions = true,
      description = "Sign a checkpoint (C2SP tlog-checkpoint, signed note) of the first N entries of LOG and print it.")
  static final class SignCheckpoint implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "the JSON Lines audit log")
    Path log;

    @Option(names = "--key", paramLabel = "PRIVATE.pem", required = true, description = "the Ed25519 private key (PKCS#8 PEM)")
    Path key;

    @Option(names = "--name", paramLabel = "KEYNAME", required = true, description = "the key name in the signature line")
    String name;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "the checkpoint's origin line (default: the log's file name)")
    String origin;

    @Option(names = "--size", paramLabel = "N", description = "the number of entries (default: all)")
    Long size;

    @Override
    public Integer call() {
      // read once, here, so that a missing, unreadable or binary key file is named in words, and
      // a key that can be read only once (a pipe: --key <(vault read ...)) still works; a
      // malformed key's message starts with the file name
      Ed25519PrivateKey privateKey =
          Ed25519PrivateKey.fromPem(
              FileErrors.readText(key, "private key", StandardCharsets.US_ASCII), key.toString());
      NoteSigner signer;
      try {
        signer = new NoteSigner(name, privateKey);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--name: " + e.getMessage());
      }
      try (AuditLog l = open(spec, log)) {
        long n = size == null ? l.size() : checkSize(spec, "--size", size, l);
        String o = origin != null ? origin : log.getFileName().toString();
        Checkpoint cp;
        try {
          cp = new Checkpoint(o, n, l.root(n));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--origin: " + e.getMessage());
        }
        spec.commandLine().getOut().print(cp.sign(List.of(signer)));
      }
      return Main.OK;
    }
  }

  /** Bars smaller logs do not get: they are read before a bar would help. */
  static final long BAR_MINIMUM_BYTES = 16L << 20;

  /** A progress bar over reading {@code file}, drawn in a terminal for a large file only. */
  static ProgressBar bar(CommandLine.Model.CommandSpec spec, String label, Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = 0;
    }
    return ProgressBar.of(spec.commandLine().getErr(), label, size, BAR_MINIMUM_BYTES);
  }

  /** Opens a log read-only (verifying it), with a progress bar over the read. */
  static AuditLog open(CommandLine.Model.CommandSpec spec, Path file) {
    try (ProgressBar bar = bar(spec, "reading " + file, file)) {
      return AuditLog.readOnly(file, (read, total) -> bar.update(read));
    }
  }

  static long checkSize(CommandLine.Model.CommandSpec spec, String option, long n, AuditLog l) {
    if (n < 0 || n > l.size()) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " " + n + " is outside the log " + l.describe() + " (size " + l.size() + ")");
    }
    return n;
  }
}

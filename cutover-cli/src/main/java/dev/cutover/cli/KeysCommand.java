package dev.cutover.cli;

import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.crypto.NoteSigner;
import dev.cutover.internal.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover keys ...}: Ed25519 key pairs for checkpoints and approvals. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage Ed25519 keys for signed checkpoints and approvals.",
    subcommands = {KeysCommand.Generate.class})
final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (generate)");
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {"Write KEYNAME.pem (PKCS#8 private key), KEYNAME.pub.pem (SPKI public key) and KEYNAME.vkey",
          "(the verifier key line) into DIR, and print the verifier key line. Existing files are never overwritten."})
  static final class Generate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", paramLabel = "KEYNAME", required = true, description = "the key name: no spaces, no '+'")
    String name;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the directory for the key files (created if missing)")
    Path out;

    @Override
    public Integer call() {
      NoteSigner signer;
      try {
        signer = new NoteSigner(name, Ed25519PrivateKey.generate(new SecureRandom()));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--name: " + e.getMessage());
      }
      if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--name '" + name + "' cannot be used as a file name");
      }
      Path priv = out.resolve(name + ".pem");
      Path pub = out.resolve(name + ".pub.pem");
      Path vkey = out.resolve(name + ".vkey");
      for (Path p : new Path[] {priv, pub, vkey}) {
        if (Files.exists(p)) {
          throw new IllegalArgumentException("will not overwrite existing file " + p);
        }
      }
      FileErrors.createDirectory(out, "--out", "key directory");
      String line = signer.verifierKey().toString();
      // the public files first, so that a directory that cannot be written is reported here in
      // words; the private key last; a refused run removes what it wrote
      List<Path> written = new ArrayList<>();
      try {
        Files.writeString(pub, signer.privateKey().publicKey().toPem(), StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE_NEW);
        written.add(pub);
        Files.writeString(vkey, line + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        written.add(vkey);
        signer.privateKey().write(priv);
      } catch (IOException | RuntimeException e) {
        for (Path p : written) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            // the message below names the first failure, which is the one to fix
          }
        }
        if (e instanceof IOException io) {
          throw new IllegalArgumentException("cannot write key files in " + out + ": " + IoErrors.describe(io), e);
        }
        throw (RuntimeException) e;
      }
      spec.commandLine().getOut().println(line);
      return Main.OK;
    }
  }
}

package dev.cutover.engine;

import dev.cutover.audit.AuditLog;
import java.nio.file.Path;
import java.time.Clock;

/** Runs (or resumes) the twenty-task cutover in a child JVM that the parent kills at random. */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    boolean noGo = Boolean.parseBoolean(args[1]);
    try (AuditLog log = AuditLog.open(dir.resolve("run.log"), Clock.systemUTC())) {
      Engine engine = new FileWorld(dir).engine(log, noGo, 3);
      System.out.println("READY");
      System.out.flush();
      RunResult result = engine.run();
      System.out.println("RESULT " + result.status() + " " + result.stateDigest());
    }
    System.exit(0);
  }
}

package dev.cutover.audit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Run in a child JVM by {@link CrashTest}: opens the log (repairing a torn tail), prints {@code
 * ready <size>}, then appends from four threads forever, printing {@code <seq> <writer> <i>} after
 * each append returns, until it is killed.
 */
final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String run = args[1];
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
    AuditLog log = AuditLog.open(file, Clock.systemUTC());
    if (run.equals("warm-up")) {
      // a run that exits normally, so the JVM can write a class-data archive for faster restarts
      log.append(AuditEvent.of("crash.warm-up", "warm-up", Map.of("i", 0)));
      log.close();
      return;
    }
    synchronized (out) {
      out.println("ready " + log.size());
      out.flush();
    }
    for (int t = 0; t < 4; t++) {
      String writer = run + "-" + t;
      Thread th = new Thread(() -> {
        for (long i = 0; ; i++) {
          AuditEntry e = log.append(AuditEvent.of("crash.test", writer, Map.of("i", i)));
          synchronized (out) {
            out.println(e.seq() + " " + writer + " " + i);
            out.flush();
          }
        }
      });
      th.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}

/** The {@code cutover} command line and the runnable demo. */
module dev.cutover.cli {
  requires dev.cutover.core;
  requires info.picocli;

  opens dev.cutover.cli to info.picocli;
}

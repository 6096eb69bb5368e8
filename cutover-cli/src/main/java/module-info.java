/** The {@code cutover} command line and the runnable demo. */
module dev.cutover.cli {
  requires dev.cutover.core;
  requires dev.cutover.migration;
  requires dev.cutover.rollback;
  requires info.picocli;

  opens dev.cutover.cli to info.picocli;
}

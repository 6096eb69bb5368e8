package dev.cutover.testkit;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the real database servers are: system properties first, then environment variables, then
 * the local defaults. Never exposes a password in {@link #toString()}.
 */
record ServerSettings(DatabaseKind kind, String adminUrl, String user, String password) {
  static final String URL_PROPERTY = "cutover.test.jdbcUrl";
  static final String URL_ENV = "CUTOVER_TEST_JDBC_URL";
  static final String REQUIRE_PROPERTY = "cutover.test.requireDatabase";

  /** Resolves the settings for a kind; empty for H2 (and for FROM_ENVIRONMENT with nothing set). */
  static Optional<ServerSettings> resolve(DatabaseKind kind) {
    Optional<String> url = setting(URL_PROPERTY, URL_ENV);
    String user = setting(URL_PROPERTY.replace("jdbcUrl", "user"), "CUTOVER_TEST_USER").orElse(null);
    String password =
        setting(URL_PROPERTY.replace("jdbcUrl", "password"), "CUTOVER_TEST_PASSWORD").orElse("");
    DatabaseKind configured = url.map(ServerSettings::kindOf).orElse(null);
    switch (kind) {
      case H2:
        return Optional.empty();
      case FROM_ENVIRONMENT:
        if (url.isEmpty() || configured == DatabaseKind.H2) {
          return Optional.empty();
        }
        return Optional.of(new ServerSettings(configured, url.get(), user, password));
      case POSTGRESQL:
        if (configured == DatabaseKind.POSTGRESQL) {
          return Optional.of(new ServerSettings(kind, url.get(), user, password));
        }
        return Optional.of(
            new ServerSettings(kind, "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""));
      case MARIADB:
        if (configured == DatabaseKind.MARIADB) {
          return Optional.of(new ServerSettings(kind, url.get(), user, password));
        }
        return Optional.of(new ServerSettings(kind, "jdbc:mariadb://127.0.0.1:3306/", "root", ""));
      default:
        throw new IllegalArgumentException("unknown database kind " + kind);
    }
  }

  /** True when an unreachable server must fail the test rather than skip it. */
  static boolean required() {
    return Boolean.getBoolean(REQUIRE_PROPERTY) || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  static DatabaseKind kindOf(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:postgresql:")) {
      return DatabaseKind.POSTGRESQL;
    }
    if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
      return DatabaseKind.MARIADB;
    }
    if (u.startsWith("jdbc:h2:")) {
      return DatabaseKind.H2;
    }
    throw new IllegalArgumentException(
        "unsupported test database url '" + redact(url)
            + "' (expected jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:h2:)");
  }

  /**
   * The URL of database {@code name} on the same server: the path of a
   * {@code jdbc:<driver>://host[:port][/db][?params]} URL replaced.
   */
  static String withDatabase(String url, String name) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      throw new IllegalArgumentException(
          "test database url '" + redact(url) + "' has no //host part");
    }
    int hostStart = scheme + 3;
    int query = url.indexOf('?', hostStart);
    String params = query < 0 ? "" : url.substring(query);
    String head = query < 0 ? url : url.substring(0, query);
    int slash = head.indexOf('/', hostStart);
    String host = slash < 0 ? head : head.substring(0, slash);
    return host + "/" + name + params;
  }

  /** The URL with any password parameter masked, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&\\s]*", "$1***");
  }

  private static Optional<String> setting(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  @Override
  public String toString() {
    return kind + " " + redact(adminUrl) + (user == null ? "" : " as " + user);
  }
}

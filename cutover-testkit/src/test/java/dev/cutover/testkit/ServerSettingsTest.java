package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {
  @Test
  void withDatabase_replacesOnlyTheDatabaseOfTheUrl() {
    assertThat(ServerSettings.withDatabase("jdbc:postgresql://db.example:5432/app?ssl=true&user=x", "t1"))
        .isEqualTo("jdbc:postgresql://db.example:5432/t1?ssl=true&user=x");
    assertThat(ServerSettings.withDatabase("jdbc:mariadb://127.0.0.1:3306/", "t1"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/t1");
    assertThat(ServerSettings.withDatabase("jdbc:mysql://host", "t1")).isEqualTo("jdbc:mysql://host/t1");
  }

  @Test
  void redact_hidesPasswordsInUrls() {
    assertThat(ServerSettings.redact("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    ServerSettings s = new ServerSettings(DatabaseKind.POSTGRESQL, "jdbc:postgresql://h/db?password=s3cret", "app", "s3cret");
    assertThat(s.toString()).doesNotContain("s3cret").contains("as app");
  }

  @Test
  void kindOf_readsTheDriverAndRefusesOthers() {
    assertThat(ServerSettings.kindOf("jdbc:postgresql://h/db")).isEqualTo(DatabaseKind.POSTGRESQL);
    assertThat(ServerSettings.kindOf("jdbc:mysql://h/db")).isEqualTo(DatabaseKind.MARIADB);
    assertThat(ServerSettings.kindOf("jdbc:h2:mem:x")).isEqualTo(DatabaseKind.H2);
    assertThatThrownBy(() -> ServerSettings.kindOf("jdbc:oracle:thin:@h?password=pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("=pw");
  }
}

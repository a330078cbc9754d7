package io.pingbase.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.web.TestServer;
import io.pingbase.web.TestServer.Response;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maintenance form through the real server: coverage from the ticked monitors and groups, refusals, file windows. */
class MaintenanceFormTest {
  @TempDir
  static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, """
        monitors:
          - { id: db, name: DB, type: tcp, host: 127.0.0.1, port: 1, group: Data }
          - { id: web, name: Web, type: tcp, host: 127.0.0.1, port: 1 }
        maintenance:
          - { name: from-file, days: [sun], from: "02:00", to: "03:00", all: true }
        """, InstantSource.system());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theTickedMonitorsAndGroupsAreWhatTheWindowCovers() {
    Response page = PageForms.page(server, "/maintenance");
    assertThat(page.body()).contains("value=\"db\"").contains("value=\"web\"").contains("value=\"Data\"");
    Response created = PageForms.post(server, "/maintenance", "name", "upgrade", "title", "DB upgrade",
        "start", "2030-03-01T02:00", "end", "2030-03-01T04:00", "time-zone", "Europe/Berlin",
        "monitors", "web", "groups", "Data");
    assertThat(created.status()).as(created.toString()).isEqualTo(303);
    var w = server.get("/api/v1/maintenance/upgrade").json();
    assertThat(w.path("monitors").toString()).isEqualTo("[\"web\"]");
    assertThat(w.path("groups").toString()).isEqualTo("[\"Data\"]");
    assertThat(w.path("time-zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(w.path("start").asText()).startsWith("2030-03-01T02:00");
    assertThat(PageForms.page(server, "/maintenance").body()).contains("DB upgrade").contains("group Data");

    assertThat(PageForms.post(server, "/maintenance/upgrade/delete").status()).isEqualTo(303);
    assertThat(server.get("/api/v1/maintenance/upgrade").status()).isEqualTo(404);
  }

  @Test
  void unknownMonitorsAndTakenNamesAreRefusedWithWhatWasTyped() {
    Response unknown = PageForms.post(server, "/maintenance", "name", "typo", "start", "2030-03-01T02:00",
        "end", "2030-03-01T04:00", "monitors", "dbb");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("id=\"err-monitors\"").contains("no monitor with id").contains("value=\"typo\"");

    Response taken = PageForms.post(server, "/maintenance", "name", "from-file", "start", "2030-03-01T02:00",
        "end", "2030-03-01T04:00", "all", "true");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body()).contains("alert error").contains("from-file");

    Response noEnd = PageForms.post(server, "/maintenance", "name", "half", "start", "2030-03-01T02:00", "all", "true");
    assertThat(noEnd.status()).isEqualTo(400);
    assertThat(noEnd.body()).contains("id=\"err-end\"");
  }

  @Test
  void aWindowOfTheConfigFileCannotBeDeleted() {
    Response refused = PageForms.post(server, "/maintenance/from-file/delete");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("alert error").contains("config file");
    assertThat(server.get("/api/v1/maintenance/from-file").status()).isEqualTo(200);
  }
}

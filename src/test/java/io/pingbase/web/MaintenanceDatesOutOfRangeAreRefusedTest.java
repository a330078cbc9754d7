package io.pingbase.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by FuzzTest: a one-off maintenance window starting at {@code -999999999-01-01T00:00:00Z}
 * or ending at {@code +999999999-12-31T23:59:59Z} (valid ISO-8601) was accepted, then
 * {@code Instant.toEpochMilli} overflowed in the calendar: a 500 for the request, and a 500 for
 * every later GET /api/v1/maintenance while the window was held. Dates outside 1970-9999 are now
 * a validation error naming the key.
 */
class MaintenanceDatesOutOfRangeAreRefusedTest {
  @TempDir
  Path dir;

  @Test
  void aStartOrEndBeyondWhatMillisecondsHoldIsA400AndTheListStaysReadable() {
    try (TestServer server = TestServer.start(dir, """
        monitors:
          - { id: file-one, name: File One, type: tcp, host: 127.0.0.1, port: 9 }
        """, InstantSource.system())) {
      for (String[] range : new String[][] {
          {"-999999999-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "start"},
          {"2026-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "end"},
          {"1969-12-31T00:00:00Z", "2027-01-01T00:00:00Z", "start"}}) {
        TestServer.Response r = server.post("/api/v1/maintenance", """
            {"name":"far","start":"%s","end":"%s","monitors":["file-one"]}""".formatted(range[0], range[1]));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("errors").toString()).contains("\"field\":\"" + range[2] + "\"", "9999-12-31");
      }
      assertThat(server.get("/api/v1/maintenance").status()).isEqualTo(200);
      assertThat(server.post("/api/v1/maintenance", """
          {"name":"near","start":"2026-01-01T00:00:00Z","end":"9999-12-31T00:00:00Z","monitors":["file-one"]}""")
          .status()).isEqualTo(201);
      assertThat(server.get("/api/v1/maintenance").status()).isEqualTo(200);
    }
  }
}

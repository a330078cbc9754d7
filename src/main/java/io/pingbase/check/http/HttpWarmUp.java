package io.pingbase.check.http;

import io.pingbase.check.CheckFactory;
import io.pingbase.check.Target;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The HTTP part of {@link io.pingbase.check.WarmUp}: runs the HTTP check's success, redirect,
 * assertion and failure paths once on the calling thread against a canned server of its own on
 * loopback, so their classes (Jackson included) are loaded before thousands of checks on virtual
 * threads reach them at once.
 */
public final class HttpWarmUp {
  private static final String[] ANSWERS = {
      "HTTP/1.1 302 Found\r\nLocation: /json\r\nContent-Length: 0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "e\r\n{\"status\":\"UP\"\r\n1\r\n}\r\n0\r\n\r\n",
      "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\ndown",
      "not http\r\n"};

  private HttpWarmUp() {}

  public static void run(CheckFactory checks) {
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"))) {
      Thread answering = Thread.ofPlatform().daemon().name("pingbase-http-warm-up").start(() -> answer(server));
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
      HttpExpect expect = new HttpExpect(List.of("UP"), List.of("DOWN"), List.of("\"status\""),
          List.of(new HttpExpect.Json("$.status", "UP", null)), Map.of("Content-Type", "json"));
      Target.Http ok = new Target.Http(url, "GET", Map.of(), null, null, StatusCodes.DEFAULT, 2,
          Target.Http.DEFAULT_MAX_BODY, true, null, expect);
      checks.create(ok).run(Duration.ofSeconds(1)); // redirect, then 200 with chunked JSON
      checks.create(Target.Http.get(url)).run(Duration.ofSeconds(1)); // 503: STATUS
      checks.create(Target.Http.get(url)).run(Duration.ofSeconds(1)); // garbage: PROTOCOL
      answering.join(1000);
    } catch (IOException | RuntimeException e) {
      // nothing to warm up with; the first real checks pay for it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answer(ServerSocket server) {
    for (String answer : ANSWERS) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(1000);
        InputStream in = s.getInputStream();
        int matched = 0;
        while (matched < 4) { // the request head ends with CRLF CRLF
          int b = in.read();
          if (b < 0) {
            break;
          }
          matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        return;
      }
    }
  }
}

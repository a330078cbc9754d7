package io.pingbase.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The local services some tests talk to (PostgreSQL, MariaDB, Redis, RabbitMQ, Mosquitto, NATS on
 * loopback). Where one is absent, as on a newcomer's laptop, the test is skipped with a clear
 * message; when {@code PINGBASE_REQUIRE_SERVICES=1} (set by .ci/run) it fails instead.
 */
public enum Services {
  POSTGRESQL(5432),
  MARIADB(3306),
  REDIS(6379),
  RABBITMQ(5672),
  MOSQUITTO(1883),
  NATS(4222);

  public static final String HOST = "127.0.0.1";
  private final int port;

  Services(int port) {
    this.port = port;
  }

  public int port() {
    return port;
  }

  public static boolean required() {
    String v = System.getenv("PINGBASE_REQUIRE_SERVICES");
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  /** Skips (or, under .ci/run, fails) the calling test unless the service accepts connections. */
  public void require() {
    if (reachable()) {
      return;
    }
    String message = name() + " is not listening on " + HOST + ":" + port
        + " (start it, see DEVELOPERS.md; PINGBASE_REQUIRE_SERVICES=1 turns this skip into a failure)";
    if (required()) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  public boolean reachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

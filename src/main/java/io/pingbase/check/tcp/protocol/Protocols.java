package io.pingbase.check.tcp.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every protocol a {@code tcp} monitor can speak after connecting: its name, default port and
 * probe. Adding one is a {@link Probe} class and one line here.
 */
public final class Protocols {
  public static final String SEND_EXPECT = "send-expect";

  /** A protocol's name, the port it usually listens on (0: none), and how to build its probe. */
  record Entry(String name, int defaultPort, Function<ProtocolSpec, Probe> probe) {}

  private static final Map<String, Entry> BY_NAME = index(
      new Entry("redis", 6379, spec -> new RedisProbe()),
      new Entry("postgresql", 5432, spec -> new PostgresqlProbe()),
      new Entry("mysql", 3306, spec -> new MysqlProbe()),
      new Entry("smtp", 25, spec -> new SmtpProbe(spec.starttls())),
      new Entry("amqp", 5672, spec -> new AmqpProbe()),
      new Entry("mqtt", 1883, spec -> new MqttProbe()),
      new Entry("nats", 4222, spec -> new NatsProbe()),
      new Entry("ssh", 22, spec -> new SshProbe()),
      new Entry(SEND_EXPECT, 0, spec -> new SendExpectProbe(spec.steps())));

  private Protocols() {}

  private static Map<String, Entry> index(Entry... entries) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      m.put(e.name(), e);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The protocol names, in the order documented. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /** The usual port of a protocol, or 0 when it has none (send-expect). */
  public static int defaultPort(String name) {
    Entry e = BY_NAME.get(name);
    return e == null ? 0 : e.defaultPort();
  }

  public static Probe probe(ProtocolSpec spec) {
    return BY_NAME.get(spec.name()).probe().apply(spec);
  }
}

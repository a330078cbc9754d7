package io.pingbase.check.dns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on 127.0.0.1, UDP and TCP on the same port 0-chosen port,
 * speaking the real wire protocol (dnsjava's message classes). Serves the records added with
 * {@link #add}; unknown names get NXDOMAIN, known names without the asked type an empty NOERROR.
 * A name can be made to misbehave with {@link #behave}.
 */
public final class TestDnsServer implements AutoCloseable {

  public enum Behaviour {
    /** Answer normally. */
    NORMAL,
    /** Answer SERVFAIL. */
    SERVFAIL,
    /** Read the query and never answer. */
    DROP,
    /** Answer with bytes that are no DNS message. */
    GARBAGE,
    /** Over UDP: the TC bit and no records; over TCP: the full answer. */
    TRUNCATE_UDP,
    /** First a reply with another id, then the right one. */
    WRONG_ID_FIRST,
    /** Only replies with another id. */
    WRONG_ID_ONLY,
    /** Over TCP: close the connection without answering. */
    CLOSE_TCP,
    /** FORMERR without the question section, as a server that does not speak EDNS may answer. */
    FORMERR_WITHOUT_QUESTION
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
  private final Map<Name, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();

  public TestDnsServer() throws IOException {
    this(InetAddress.getLoopbackAddress());
  }

  /** On another loopback address, such as {@code ::1}. */
  public TestDnsServer(InetAddress bind) throws IOException {
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(bind, 0));
      try {
        t = new ServerSocket();
        t.bind(new InetSocketAddress(bind, u.getLocalPort()));
      } catch (BindException e) {
        u.close();
        t = null;
        if (attempt > 20) {
          throw e;
        }
      }
    }
    this.udp = u;
    this.tcp = t;
    threads.add(Thread.ofPlatform().daemon().name("test-dns-udp").start(this::serveUdp));
    threads.add(Thread.ofPlatform().daemon().name("test-dns-tcp").start(this::serveTcp));
  }

  public int port() {
    return udp.getLocalPort();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(udp.getLocalAddress(), port());
  }

  /** Adds a record in presentation form: {@code add("example.test", "MX", "10 mail.example.test.")}. */
  public TestDnsServer add(String name, String type, String rdata) {
    return add(name, type, 300, rdata);
  }

  public TestDnsServer add(String name, String type, long ttl, String rdata) {
    try {
      Name n = Name.fromString(name, Name.root);
      Record r = Record.fromString(n, Type.value(type), DClass.IN, ttl, rdata, Name.root);
      records.computeIfAbsent(key(n, r.getType()), k -> new ArrayList<>()).add(r);
      records.computeIfAbsent(key(n, -1), k -> new ArrayList<>());
      return this;
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public TestDnsServer behave(String name, Behaviour behaviour) {
    try {
      behaviours.put(Name.fromString(name, Name.root), behaviour);
      return this;
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Stops answering over TCP: connections are refused from now on. */
  public void closeTcp() throws IOException {
    tcp.close();
  }

  public int udpQueries() {
    return udpQueries.get();
  }

  public int tcpQueries() {
    return tcpQueries.get();
  }

  private static String key(Name name, int type) {
    return name.toString().toLowerCase(java.util.Locale.ROOT) + "/" + type;
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        udp.receive(p);
        udpQueries.incrementAndGet();
        Message query = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        for (byte[] reply : replies(query, false)) {
          udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        }
      } catch (SocketException closed) {
        return;
      } catch (IOException | RuntimeException e) {
        // a query we cannot parse: drop it, as a server would
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket s = tcp.accept()) {
        s.setSoTimeout(5000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        while (true) {
          int length;
          try {
            length = in.readUnsignedShort();
          } catch (EOFException e) {
            break;
          }
          byte[] data = new byte[length];
          in.readFully(data);
          tcpQueries.incrementAndGet();
          Message query = new Message(data);
          if (behaviours.get(query.getQuestion().getName()) == Behaviour.CLOSE_TCP) {
            break;
          }
          for (byte[] reply : replies(query, true)) {
            out.write(new byte[] {(byte) (reply.length >>> 8), (byte) reply.length});
            out.write(reply);
          }
          out.flush();
        }
      } catch (SocketException closed) {
        if (tcp.isClosed()) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        // next connection
      }
    }
  }

  private List<byte[]> replies(Message query, boolean overTcp) {
    Record question = query.getQuestion();
    Behaviour behaviour = behaviours.getOrDefault(question.getName(), Behaviour.NORMAL);
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.getHeader().setOpcode(Opcode.QUERY);
    reply.addRecord(question, Section.QUESTION);
    switch (behaviour) {
      case DROP:
        return List.of();
      case GARBAGE:
        return List.of(new byte[] {0x13, 0x37, (byte) 0xff, 0x00, 0x42});
      case FORMERR_WITHOUT_QUESTION:
        reply.removeAllRecords(Section.QUESTION);
        reply.getHeader().setRcode(Rcode.FORMERR);
        return List.of(reply.toWire());
      case SERVFAIL:
        reply.getHeader().setRcode(Rcode.SERVFAIL);
        return List.of(reply.toWire());
      case TRUNCATE_UDP:
        if (!overTcp) {
          reply.getHeader().setFlag(Flags.TC);
          return List.of(reply.toWire());
        }
        break;
      default:
        break;
    }
    List<Record> all = records.get(key(question.getName(), -1));
    if (all == null) {
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
    } else {
      for (Record r : records.getOrDefault(key(question.getName(), question.getType()), List.of())) {
        reply.addRecord(r, Section.ANSWER);
      }
    }
    byte[] right = reply.toWire();
    if (behaviour == Behaviour.WRONG_ID_FIRST || behaviour == Behaviour.WRONG_ID_ONLY) {
      Message wrong = reply.clone();
      wrong.getHeader().setID((query.getHeader().getID() + 1) & 0xffff);
      return behaviour == Behaviour.WRONG_ID_ONLY ? List.of(wrong.toWire()) : List.of(wrong.toWire(), right);
    }
    return List.of(right);
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

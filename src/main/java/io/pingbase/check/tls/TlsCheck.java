package io.pingbase.check.tls;

import io.pingbase.check.Check;
import io.pingbase.check.CheckResult;
import io.pingbase.check.FailureReason;
import io.pingbase.check.Phases;
import io.pingbase.check.Resolver;
import io.pingbase.check.Target;
import io.pingbase.check.Target.Tls.StartTls;
import io.pingbase.check.tcp.TcpConnector;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects, optionally runs a STARTTLS dialog, does the TLS handshake accepting any certificate,
 * then judges the chain itself (expiry, PKIX trust, hostname) so that every result, DOWN ones too,
 * carries the certificate's facts. UP with a {@code warning} when the first certificate of the
 * chain to expire is below a {@code warn-days} threshold.
 *
 * <p>Phases: dns, connect, and tls = STARTTLS dialog plus handshake; the response time is the tls
 * phase. One deadline covers everything.
 */
public final class TlsCheck implements Check {
  private final Target.Tls target;
  private final String host;
  private final TcpConnector connector;
  private final InstantSource clock;

  /**
   * The first TLS check created warms up the TLS paths (see {@link #warmUp}) on the creating
   * thread: monitors are created when they are loaded, before they are scheduled, so the classes
   * are loaded before TLS checks run on virtual threads, and a server without TLS monitors pays
   * nothing (about half a second of class loading and trust-store reading otherwise).
   */
  private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

  public TlsCheck(Target.Tls target, Resolver resolver, InstantSource clock) {
    this(target, resolver, clock, io.pingbase.net.NetworkPolicy.SELF_HOSTED);
  }

  /** @param policy which addresses may be dialled ({@link TcpConnector}) */
  public TlsCheck(Target.Tls target, Resolver resolver, InstantSource clock, io.pingbase.net.NetworkPolicy policy) {
    warmUpOnce();
    this.target = target;
    this.host = target.host().startsWith("[") && target.host().endsWith("]")
        ? target.host().substring(1, target.host().length() - 1) : target.host();
    this.connector = new TcpConnector(resolver, policy);
    this.clock = clock;
  }

  @Override
  public CheckResult run(Duration timeout) {
    try {
      return probe(timeout);
    } catch (RuntimeException e) { // a check never throws (see Check)
      return CheckResult.down(FailureReason.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(),
          0, Phases.NONE, null);
    }
  }

  private CheckResult probe(Duration timeout) {
    final long start = System.nanoTime();
    final long deadline = start + timeout.toNanos();
    TlsTrust trust;
    try {
      trust = target.caFile() == null ? TlsTrust.system() : TlsTrust.fromPemFile(Path.of(target.caFile()));
    } catch (IOException | RuntimeException e) {
      return CheckResult.down(FailureReason.ERROR, e.getMessage(), 0, Phases.NONE, null);
    }

    return switch (connector.connect(host, target.port(), deadline, timeout)) {
      case TcpConnector.Failed failed -> failed.result();
      case TcpConnector.Connected c ->
          secure(c.socket(), c.address(), c.dnsMicros(), c.connectMicros(), deadline, timeout, trust);
    };
  }

  /** STARTTLS dialog, handshake and judgement on a connected socket; closes it. */
  private CheckResult secure(
      Socket socket, String address, long dnsMicros, long connectMicros, long deadline, Duration timeout, TlsTrust trust) {
    long tlsStart = System.nanoTime();
    StartTls mode = target.starttls();
    try {
      StartTlsDialog.Failure refused = StartTlsDialog.run(socket, mode, deadline);
      if (refused != null) {
        closeQuietly(socket);
        long took = micros(System.nanoTime() - tlsStart);
        return CheckResult.down(refused.reason(), refused.message(), took,
            new Phases(dnsMicros, connectMicros, took, Phases.ABSENT, Phases.ABSENT), address)
            .withDetails(Map.of("starttls", mode.id()));
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      long took = micros(System.nanoTime() - tlsStart);
      Phases phases = new Phases(dnsMicros, connectMicros, took, Phases.ABSENT, Phases.ABSENT);
      String dialog = mode.name() + " STARTTLS dialog";
      if (e instanceof SocketTimeoutException) {
        return CheckResult.down(FailureReason.TIMEOUT, "no answer from " + address + " in the " + dialog
            + " within " + timeout.toMillis() + " ms", took, phases, address);
      }
      String what = e instanceof EOFException ? "the server closed the connection"
          : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return CheckResult.down(FailureReason.PROTOCOL, what + " during the " + dialog, took, phases, address);
    }

    TlsHandshake.Outcome outcome = TlsHandshake.over(socket, target.verifiedName(), target.port(), deadline);
    long tlsMicros = micros(System.nanoTime() - tlsStart);
    Phases phases = new Phases(dnsMicros, connectMicros, tlsMicros, Phases.ABSENT, Phases.ABSENT);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (mode != StartTls.NONE) {
      extra.put("starttls", mode.id());
    }
    return switch (outcome) {
      case TlsHandshake.Failed f -> {
        String message = f.reason() == FailureReason.TIMEOUT
            ? "no TLS handshake with " + address + " within " + timeout.toMillis() + " ms" : f.message();
        CheckResult down = CheckResult.down(f.reason(), message, tlsMicros, phases, address);
        if (!f.chain().isEmpty()) {
          down = down.withDetails(new CertificateFacts(f.chain(), null, null, clock.instant()).details());
        }
        yield down.withDetails(extra);
      }
      case TlsHandshake.Established ok -> {
        closeQuietly(ok.socket());
        yield judge(ok.facts(clock.instant()), trust, tlsMicros, phases, address, extra);
      }
    };
  }

  private CheckResult judge(CertificateFacts facts, TlsTrust trust, long tlsMicros, Phases phases, String address,
      Map<String, Object> extra) {
    List<CertificateFacts.Problem> problems = facts.problems(trust, target.verifiedName());
    Map<String, Object> details = new LinkedHashMap<>(facts.details());
    details.put("trusted", problems.stream().noneMatch(p -> p.kind() == CertificateFacts.Kind.UNTRUSTED));
    details.put("hostname-match", problems.stream().noneMatch(p -> p.kind() == CertificateFacts.Kind.HOSTNAME));
    details.putAll(extra);
    if (!problems.isEmpty()) {
      details.put("problems", problems.stream().map(CertificateFacts.Problem::message).toList());
      String message = String.join("; ", problems.stream().map(CertificateFacts.Problem::message).toList());
      return CheckResult.down(FailureReason.CERTIFICATE, message, tlsMicros, phases, address).withDetails(details);
    }
    Integer crossed = facts.crossedThreshold(target.warnDays());
    if (crossed != null) {
      details.put("warn-threshold", crossed.longValue());
    }
    CheckResult up = CheckResult.up(tlsMicros, phases, address).withDetails(details);
    String warning = facts.warning(target.warnDays());
    return warning == null ? up : up.withWarning(warning);
  }

  /**
   * Loads the classes of the TLS paths on the calling thread before checks run on virtual threads
   * (see {@link io.pingbase.check.WarmUp} for the start-up hang this prevents); done by the first
   * TLS check created. Loads the JDK trust store and PKIX validator, on one of its
   * own certificates, and a client handshake against a listener of our own on loopback that hangs
   * up, which builds and sends a real ClientHello and classifies the failure.
   */
  /**
   * {@link #warmUp} the first time it is called in this JVM; for every check that does TLS (tls
   * monitors, and http monitors with an https URL), when it is created.
   */
  public static void warmUpOnce() {
    if (WARM.compareAndSet(false, true)) {
      warmUp();
    }
  }

  public static void warmUp() {
    try {
      TlsTrust trust = TlsTrust.system();
      CertificateFacts facts = new CertificateFacts(List.of(trust.anyCertificate()), "TLSv1.3",
          "TLS_AES_128_GCM_SHA256", InstantSource.system().instant());
      facts.details();
      facts.problems(trust, "warm-up.invalid");
      facts.warning(Target.Tls.DEFAULT_WARN_DAYS);
      try (java.net.ServerSocket own = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
           Socket client = new Socket()) {
        client.connect(own.getLocalSocketAddress(), 1000);
        own.setSoTimeout(1000);
        own.accept().close();
        TlsHandshake.over(client, "warm-up.invalid", own.getLocalPort(), System.nanoTime() + 1_000_000_000L);
      }
      StartTlsDialog.quote("warm-up\n");
    } catch (IOException | RuntimeException e) {
      // nothing to warm up with; the first real checks pay for it
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to add after the result is known
    }
  }

  private static long micros(long nanos) {
    return nanos / 1_000;
  }
}

package io.pingbase.alert.channel.email;

import io.pingbase.alert.Notification;
import io.pingbase.alert.channel.Channel;
import io.pingbase.alert.channel.Delivery;
import io.pingbase.alert.channel.email.EmailSettings.Security;
import io.pingbase.net.NetworkPolicy;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends notifications as email over SMTP (Angus Mail): one connection per notification, a
 * multipart/alternative message with a plain-text and an HTML part, and a {@code Message-ID}
 * made from the notification's event id, so a retried message is recognisably the same one.
 *
 * <p>One attempt per {@link #send}, on its own platform thread, bounded by {@link #deadline()};
 * the outcome is classified by {@link SmtpOutcome}. Safe for several threads: each send has its
 * own session and connection.
 */
public final class EmailChannel implements Channel {
  private final EmailSettings settings;
  private final InstantSource clock;
  private final NetworkPolicy policy;

  public EmailChannel(EmailSettings settings, InstantSource clock) {
    this(settings, clock, NetworkPolicy.SELF_HOSTED);
  }

  /**
   * @param policy which addresses the SMTP server may have; judged before each attempt, as for
   *               {@link io.pingbase.alert.channel.HttpPost} (the mail library resolves again)
   */
  public EmailChannel(EmailSettings settings, InstantSource clock, NetworkPolicy policy) {
    this.settings = settings;
    this.clock = clock;
    this.policy = java.util.Objects.requireNonNull(policy, "policy");
  }

  @Override
  public String type() {
    return "email";
  }

  public EmailSettings settings() {
    return settings;
  }

  /**
   * The whole attempt ends by then, whatever the server does: the connect timeout plus two read
   * timeouts. Each step has its own timeout too, but a server that trickles a reply a line at a
   * time, or a conversation of many slow steps, could otherwise last far longer.
   */
  @Override
  public Duration longestAttempt() {
    return deadline();
  }

  public Duration deadline() {
    return settings.connectTimeout().plus(settings.readTimeout().multipliedBy(2));
  }

  @Override
  public Delivery send(Notification notification) {
    String refusal = policy.refusalOfHost(settings.host());
    if (refusal != null) {
      return new Delivery.Rejected(refusal);
    }
    AttemptSockets sockets = new AttemptSockets();
    CompletableFuture<Delivery> outcome = new CompletableFuture<>();
    // A platform thread, not a virtual one: the mail library blocks on sockets while holding
    // monitors, which on JDK 21 pins a virtual thread's carrier, and checks run on those carriers.
    Thread.ofPlatform().daemon().name("email-send-" + notification.monitorId())
        .start(() -> attempt(notification, sockets, outcome));
    try {
      return outcome.get(deadline().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      Delivery late = new Delivery.Retry("timeout: " + where() + " did not finish within " + deadline().toMillis()
          + " ms", null);
      if (!outcome.complete(late)) {
        return outcome.join(); // it finished just now
      }
      // Closing a TLS socket may wait for its locks; the caller must not.
      Thread.ofPlatform().daemon().name("email-abort").start(sockets::closeAll);
      return late;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Thread.ofPlatform().daemon().name("email-abort").start(sockets::closeAll);
      return new Delivery.Retry("interrupted while sending to " + where(), null);
    } catch (ExecutionException e) {
      return new Delivery.Retry("unexpected error sending to " + where() + ": " + e.getCause(), null);
    }
  }

  /** One SMTP conversation; completes {@code outcome} as soon as it is known, before QUIT. */
  private void attempt(Notification notification, AttemptSockets sockets, CompletableFuture<Delivery> outcome) {
    Session session;
    MimeMessage message;
    try {
      session = Session.getInstance(properties(sockets), null);
      message = message(session, notification);
    } catch (IOException | GeneralSecurityException e) {
      // The ca-file is missing or broken: only a person can fix that.
      outcome.complete(new Delivery.Rejected(e.getMessage()));
      return;
    } catch (MessagingException | RuntimeException e) {
      outcome.complete(new Delivery.Rejected("cannot build the message: " + e));
      return;
    }
    SMTPTransport transport = null;
    try {
      transport = (SMTPTransport) session.getTransport(protocol());
      transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
      transport.sendMessage(message, message.getAllRecipients());
      outcome.complete(new Delivery.Delivered(SmtpOutcome.firstLine(transport.getLastServerResponse())));
    } catch (MessagingException e) {
      outcome.complete(SmtpOutcome.of(e, transport, settings));
    } catch (RuntimeException e) {
      outcome.complete(new Delivery.Retry("unexpected error talking to " + where() + ": " + e, null));
    } finally {
      closeQuietly(transport);
    }
  }

  private String protocol() {
    return settings.security() == Security.SMTPS ? "smtps" : "smtp";
  }

  private String where() {
    return settings.host() + ":" + settings.port();
  }

  /** The Angus Mail properties for one send; see the package docs of org.eclipse.angus.mail.smtp. */
  Properties properties(AttemptSockets sockets) throws IOException, GeneralSecurityException {
    String p = "mail." + protocol() + ".";
    Properties props = new Properties();
    props.put(p + "host", settings.host());
    props.put(p + "port", Integer.toString(settings.port()));
    props.put(p + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
    props.put(p + "timeout", Long.toString(settings.readTimeout().toMillis()));
    props.put(p + "auth", Boolean.toString(settings.username() != null));
    // Several recipients: deliver to those the server accepts rather than to nobody (see SmtpOutcome).
    props.put(p + "sendpartial", "true");
    props.put(p + "ssl.checkserveridentity", "true");
    if (settings.heloName() != null) {
      props.put(p + "localhost", settings.heloName());
    }
    switch (settings.security()) {
      case NONE -> props.put(p + "starttls.enable", "false");
      case STARTTLS -> {
        props.put(p + "starttls.enable", "true");
        props.put(p + "starttls.required", "true");
      }
      case SMTPS -> props.put(p + "ssl.enable", "true");
    }
    props.put(p + "socketFactory", sockets.plain());
    props.put(p + "socketFactory.fallback", "false"); // no second, unrecorded connection on failure
    if (settings.security() != Security.NONE) {
      SSLSocketFactory tls = settings.caFile() == null ? (SSLSocketFactory) SSLSocketFactory.getDefault()
          : trusting(settings);
      props.put(p + "ssl.socketFactory", sockets.tls(tls));
    }
    return props;
  }

  /** An SSL socket factory trusting exactly the CAs of the settings' PEM file. */
  private static SSLSocketFactory trusting(EmailSettings settings) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int n = 0;
    try (InputStream in = Files.newInputStream(settings.caFile())) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca" + n++, c);
      }
    } catch (NoSuchFileException e) {
      throw new IOException("ca-file " + settings.caFile() + " does not exist", e);
    } catch (CertificateException e) {
      throw new IOException("ca-file " + settings.caFile() + " is not a PEM certificate file: " + e.getMessage(), e);
    }
    if (n == 0) {
      throw new IOException("ca-file " + settings.caFile() + " holds no certificate");
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  MimeMessage message(Session session, Notification n) throws MessagingException {
    String domain = domainOf(settings.from());
    MimeMessage m = new FixedIdMessage(session, "<" + idPart(n.eventId()) + "@" + domain + ">");
    m.setFrom(address(settings.from()));
    Address[] to = new Address[settings.to().size()];
    for (int i = 0; i < to.length; i++) {
      to[i] = address(settings.to().get(i));
    }
    m.setRecipients(MimeMessage.RecipientType.TO, to);
    m.setSubject(oneLine(n.title()), "UTF-8");
    m.setSentDate(Date.from(clock.instant()));
    m.setHeader("X-PingBase-Event-Id", oneLine(n.eventId()));
    m.setHeader("X-PingBase-Incident", oneLine(n.incidentKey()));
    // Mail clients thread by References: every message of one outage lands in one conversation.
    m.setHeader("References", "<incident." + idPart(n.incidentKey()) + "@" + domain + ">");
    m.setHeader("Auto-Submitted", "auto-generated");

    EmailBody body = EmailBody.of(n, settings.zone());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(body.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(body.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text); // least preferred first (RFC 2046)
    alternative.addBodyPart(html);
    m.setContent(alternative);
    m.saveChanges();
    return m;
  }

  /** A parsed address whose display name is RFC 2047-encoded when it is not ASCII ("Jörg"). */
  private static InternetAddress address(String text) throws MessagingException {
    InternetAddress parsed = new InternetAddress(text, true);
    if (parsed.getPersonal() == null) {
      return parsed;
    }
    try {
      return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  /** The event id as the left part of a Message-ID: only characters allowed in a dot-atom. */
  static String idPart(String id) {
    StringBuilder b = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean atext = c < 127 && (Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0);
      b.append(atext ? c : '_');
    }
    return b.toString();
  }

  private static String domainOf(String address) throws MessagingException {
    String a = new InternetAddress(address, true).getAddress();
    int at = a.lastIndexOf('@');
    return at < 0 || at == a.length() - 1 ? "pingbase.invalid" : a.substring(at + 1);
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }

  private static void closeQuietly(SMTPTransport transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      // QUIT failed after the outcome was known; nothing to tell.
    }
  }

  /** A message whose Message-ID stays what we set instead of a fresh random one on saveChanges(). */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}

package io.pingbase.alert.channel.email;

import io.pingbase.alert.channel.Delivery;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * What a failed SMTP attempt means for the sender. The rule: a 4xx reply, a refused or silent
 * connection and a broken connection may work later (Retry); a 5xx reply, bad credentials, a
 * certificate we do not trust or a server without the STARTTLS we require will not work until a
 * person changes something (Rejected). The server's own reply text is kept for the delivery log.
 */
final class SmtpOutcome {
  private static final Pattern CODE = Pattern.compile("^([245])\\d\\d[ -]");
  private static final Pattern GREETING = Pattern.compile("response: (\\d{3})");

  private SmtpOutcome() {}

  static Delivery of(MessagingException e, SMTPTransport transport, EmailSettings settings) {
    String where = settings.host() + ":" + settings.port();

    // Several recipients and some accepted: the message went out; say who did not get it.
    if (e instanceof SendFailedException sf && sf.getValidSentAddresses() != null
        && sf.getValidSentAddresses().length > 0) {
      String accepted = transport == null ? "accepted" : firstLine(transport.getLastServerResponse());
      return new Delivery.Delivered(accepted + "; not delivered to " + refusals(sf));
    }

    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new Delivery.Retry("cannot connect to " + where + ": " + t.getMessage(), null);
      }
      if (t instanceof SocketTimeoutException) {
        return new Delivery.Retry("timeout: " + where + " did not answer in time (" + t.getMessage() + ")", null);
      }
      if (t instanceof UnknownHostException) {
        return new Delivery.Retry("unknown host " + settings.host(), null);
      }
      if (t instanceof CertificateException || t instanceof CertPathValidatorException
          || t instanceof CertPathBuilderException) {
        return new Delivery.Rejected("certificate of " + where + " not trusted: " + rootMessage(t));
      }
      if (t.getMessage() != null && t.getMessage().startsWith("Can't verify identity of server")) {
        return new Delivery.Rejected("certificate of " + where + " does not match the host name " + settings.host());
      }
    }

    String text = e.getMessage() == null ? "" : e.getMessage();
    if (text.contains("STARTTLS is required")) {
      return new Delivery.Rejected(where + " does not offer STARTTLS; not sending in clear text");
    }

    if (e instanceof AuthenticationFailedException) {
      String reply = firstLine(text);
      return is4xx(reply) ? new Delivery.Retry("authentication: " + reply, null)
          : new Delivery.Rejected("authentication failed: " + (reply.isEmpty() ? "bad credentials" : reply));
    }

    if (e instanceof SMTPSendFailedException s && s.getReturnCode() >= 400) {
      return classify(s.getReturnCode(), firstLine(text));
    }

    if (e instanceof SendFailedException sf) {
      // Every recipient refused: temporary if any refusal was.
      List<SMTPAddressFailedException> refused = addressFailures(sf);
      if (!refused.isEmpty()) {
        boolean temporary = refused.stream().anyMatch(a -> a.getReturnCode() / 100 == 4);
        String summary = "recipients refused: " + refusals(sf);
        return temporary ? new Delivery.Retry(summary, null) : new Delivery.Rejected(summary);
      }
    }

    Matcher greeting = GREETING.matcher(text);
    if (greeting.find()) {
      return classify(Integer.parseInt(greeting.group(1)), where + " refused the session: "
          + firstLine(transport == null ? text : transport.getLastServerResponse()));
    }

    if (hasCause(e, SSLException.class)) {
      return new Delivery.Retry("TLS with " + where + " failed: " + rootMessage(e), null);
    }
    int last = transport == null ? -1 : transport.getLastReturnCode();
    if (last >= 400 && last < 600) {
      return classify(last, firstLine(transport.getLastServerResponse()));
    }
    return new Delivery.Retry("sending to " + where + " failed: " + rootMessage(e), null);
  }

  private static Delivery classify(int code, String reply) {
    return code / 100 == 4 ? new Delivery.Retry(reply, null) : new Delivery.Rejected(reply);
  }

  private static boolean is4xx(String reply) {
    return reply.startsWith("4") && CODE.matcher(reply + " ").find();
  }

  private static List<SMTPAddressFailedException> addressFailures(MessagingException e) {
    List<SMTPAddressFailedException> out = new ArrayList<>();
    for (Exception n = e.getNextException(); n != null;
        n = n instanceof MessagingException m ? m.getNextException() : null) {
      if (n instanceof SMTPAddressFailedException a) {
        out.add(a);
      }
    }
    return out;
  }

  /** "bob@example.com (550 5.1.1 no such user), ..." or the bare addresses when no reply is known. */
  private static String refusals(SendFailedException e) {
    List<SMTPAddressFailedException> failures = addressFailures(e);
    if (!failures.isEmpty()) {
      return String.join(", ", failures.stream()
          .map(a -> a.getAddress() + " (" + firstLine(a.getMessage()) + ")").toList());
    }
    List<String> names = new ArrayList<>();
    for (Address[] list : new Address[][] {e.getInvalidAddresses(), e.getValidUnsentAddresses()}) {
      if (list != null) {
        for (Address a : list) {
          names.add(a.toString());
        }
      }
    }
    return names.isEmpty() ? "some recipients" : String.join(", ", names);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The first line of a server reply, trimmed ("550 5.1.1 mailbox unavailable"). */
  static String firstLine(String reply) {
    if (reply == null) {
      return "";
    }
    String s = reply.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}

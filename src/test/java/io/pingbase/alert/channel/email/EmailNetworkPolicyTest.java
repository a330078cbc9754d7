package io.pingbase.alert.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.pingbase.alert.channel.Delivery;
import io.pingbase.net.NetworkPolicy;
import io.pingbase.testing.SettableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 5: in multi-tenant mode an SMTP server on a special address is Rejected without connecting. */
class EmailNetworkPolicyTest {
  @Test
  void anSmtpServerOnLoopbackIsRejectedWithoutAConnection() throws IOException {
    try (ServerSocket smtp = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      EmailChannel channel = new EmailChannel(EmailChannelTest.plain(smtp.getLocalPort()),
          new SettableClock(Instant.parse("2026-11-25T02:00:00Z")), NetworkPolicy.MULTI_TENANT);
      Delivery d = channel.send(EmailChannelTest.down("db", "refused"));
      assertThat(d).isEqualTo(new Delivery.Rejected("127.0.0.1 is a loopback address (127.0.0.0/8); not allowed by "
          + "network.targets: multi-tenant (add it to network.allow to permit it)"));
      smtp.setSoTimeout(200);
      boolean connected;
      try {
        smtp.accept().close();
        connected = true;
      } catch (SocketTimeoutException e) {
        connected = false;
      }
      assertThat(connected).as("nothing connected to the SMTP port").isFalse();
    }
  }
}

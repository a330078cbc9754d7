package io.pingbase.check.tcp.protocol;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What to say after a TCP connect: a protocol name from {@link Protocols} and its options.
 *
 * @param name     a registered protocol ("redis", "smtp", "send-expect" ...)
 * @param starttls smtp only: upgrade the session with STARTTLS and complete a TLS handshake
 * @param steps    send-expect only: the conversation, in order; empty for every other protocol
 */
public record ProtocolSpec(String name, boolean starttls, List<Step> steps) {
  public ProtocolSpec {
    Objects.requireNonNull(name, "name");
    steps = steps == null ? List.of() : List.copyOf(steps);
    if (!Protocols.names().contains(name)) {
      throw new IllegalArgumentException("unknown protocol '" + name + "'; known: " + String.join(", ", Protocols.names()));
    }
    if (starttls && !name.equals("smtp")) {
      throw new IllegalArgumentException("starttls is an option of protocol smtp (send-expect has a starttls step)");
    }
    boolean sendExpect = name.equals(Protocols.SEND_EXPECT);
    if (sendExpect && steps.isEmpty()) {
      throw new IllegalArgumentException("protocol send-expect needs at least one step");
    }
    if (!sendExpect && !steps.isEmpty()) {
      throw new IllegalArgumentException("steps belong to protocol send-expect, not " + name);
    }
  }

  /** A protocol without options. */
  public static ProtocolSpec of(String name) {
    return new ProtocolSpec(name, false, List.of());
  }

  /**
   * One send-expect step: send text or bytes, and/or wait for a regex; or upgrade to TLS.
   *
   * @param send     text sent as is (UTF-8), or null
   * @param sendHex  bytes sent, as hex digits ("0d0a"), or null; not with {@code send}
   * @param expect   a regex that must be found in what the server sends after the previous
   *                 match, or null
   * @param starttls complete a TLS handshake on the connection here (alone in its step)
   */
  public record Step(String send, String sendHex, String expect, boolean starttls) {
    public Step {
      if (send != null && sendHex != null) {
        throw new IllegalArgumentException("a step sends either send or send-hex, not both");
      }
      if (starttls && (send != null || sendHex != null || expect != null)) {
        throw new IllegalArgumentException("a starttls step does nothing else; put send and expect in their own steps");
      }
      if (!starttls && send == null && sendHex == null && expect == null) {
        throw new IllegalArgumentException("a step needs send, send-hex, expect or starttls");
      }
      if (send != null && send.isEmpty() || sendHex != null && sendHex.isEmpty()) {
        throw new IllegalArgumentException("send must not be empty");
      }
      if (sendHex != null) {
        try {
          HexFormat.of().parseHex(sendHex);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("send-hex must be pairs of hex digits, was '" + sendHex + "'");
        }
      }
      if (expect != null) {
        try {
          Pattern.compile(expect);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("expect is not a valid regex: " + e.getDescription()
              + " near index " + e.getIndex() + " in '" + expect + "'");
        }
      }
    }

    /** The bytes this step sends, or null when it sends nothing. */
    byte[] bytes() {
      if (send != null) {
        return send.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      return sendHex == null ? null : HexFormat.of().parseHex(sendHex);
    }
  }
}

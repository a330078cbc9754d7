package io.pingbase.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses PingBase may connect to on behalf of a monitor or an alert channel: the
 * {@code network:} section of pingbase.yml.
 *
 * <p>Judged on the address actually dialled, after resolution, never on the name written in the
 * config: a name that resolves to 127.0.0.1 (by accident or by DNS rebinding) is refused exactly
 * like the literal.
 *
 * @param targets    self-hosted (everything allowed) or multi-tenant (special addresses refused)
 * @param allow      blocks allowed even in multi-tenant mode
 * @param allowHosts host names (lower case, no trailing dot) whose addresses are all allowed in
 *                   multi-tenant mode, whatever they resolve to
 */
public record NetworkPolicy(Targets targets, List<Cidr> allow, Set<String> allowHosts) {

  /** The {@code network.targets} setting. */
  public enum Targets {
    /** Watching internal services is the point: every address is allowed. */
    SELF_HOSTED("self-hosted"),
    /** Users are not trusted with the server's network: only public addresses, plus {@code allow}. */
    MULTI_TENANT("multi-tenant");

    private final String key;

    Targets(String key) {
      this.key = key;
    }

    /** As written in the config ("self-hosted"). */
    public String key() {
      return key;
    }

    /** The setting written as {@code key}, or null. */
    public static Targets of(String key) {
      for (Targets t : values()) {
        if (t.key.equals(key)) {
          return t;
        }
      }
      return null;
    }
  }

  /** The default: everything allowed, as before this setting existed. */
  public static final NetworkPolicy SELF_HOSTED = new NetworkPolicy(Targets.SELF_HOSTED, List.of(), Set.of());

  /** Multi-tenant without exceptions. */
  public static final NetworkPolicy MULTI_TENANT = new NetworkPolicy(Targets.MULTI_TENANT, List.of(), Set.of());

  public NetworkPolicy {
    Objects.requireNonNull(targets, "targets");
    allow = List.copyOf(allow);
    allowHosts = allowHosts.stream().map(NetworkPolicy::hostKey).collect(Collectors.toUnmodifiableSet());
  }

  /** Whether the policy can refuse anything; when not, callers skip the work entirely. */
  public boolean restricts() {
    return targets == Targets.MULTI_TENANT;
  }

  /**
   * Why connecting to {@code address} is not allowed, or null when it is.
   *
   * @param host the name it was resolved from, or null for a literal (for {@code allowHosts})
   * @return "127.0.0.1 is a loopback address (127.0.0.0/8); not allowed by network.targets: multi-tenant"
   */
  public String refusal(String host, InetAddress address) {
    if (targets == Targets.SELF_HOSTED) {
      return null;
    }
    AddressClass.Special special = AddressClass.special(address);
    if (special == null) {
      return null;
    }
    if (host != null && allowHosts.contains(hostKey(host))) {
      return null;
    }
    for (Cidr c : allow) {
      if (c.contains(address)) {
        return null;
      }
    }
    return AddressClass.text(address) + " is " + special.describe() + "; not allowed by network.targets: "
        + targets.key() + " (add it to network.allow to permit it)";
  }

  /** The first refusal among {@code addresses}, or null when every one is allowed. */
  public String refusal(String host, InetAddress[] addresses) {
    if (!restricts()) {
      return null;
    }
    for (InetAddress a : addresses) {
      String r = refusal(host, a);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /**
   * For clients that resolve the name themselves (the JDK HTTP client, the mail library): looks
   * {@code host} up through {@link InetAddress#getAllByName}, whose cache the client's own lookup
   * then hits, and judges every address. Null when all are allowed, when nothing restricts, or
   * when the name does not resolve (the client reports that itself). Blocks for the lookup.
   */
  public String refusalOfHost(String host) {
    if (!restricts() || host == null || host.isEmpty()) {
      return null;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      return refusal(nameOrNull(bare), InetAddress.getAllByName(bare));
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /**
   * Why {@code host} is refused without looking it up, or null: an IP literal this policy refuses,
   * or {@code localhost} and names under {@code .localhost}, which always mean the server itself
   * (RFC 6761). Lets a form or an API client hear at once that a target can never be checked; a
   * name that resolves to a refused address is still refused when it is dialled.
   */
  public String refusalWithoutLookup(String host) {
    if (!restricts() || host == null || host.isEmpty()) {
      return null;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress literal = Cidr.address(bare);
    if (literal != null) {
      return refusal(null, literal);
    }
    String key = hostKey(bare);
    if ((key.equals("localhost") || key.endsWith(".localhost")) && !allowHosts.contains(key)) {
      return bare + " is this server itself (loopback); not allowed by network.targets: " + targets.key()
          + " (add it to network.allow to permit it)";
    }
    return null;
  }

  /**
   * {@code host} when it is a name, null when it is an IP literal: an exception in
   * {@code allowHosts} is for names, so "127.0.0.1" there never lets a literal through.
   */
  public static String nameOrNull(String host) {
    boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    return literal ? null : host;
  }

  private static String hostKey(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}

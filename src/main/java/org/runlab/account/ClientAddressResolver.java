package org.runlab.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a request's real client address. {@code X-Forwarded-For} counts only when the request came
 * from a trusted proxy, and then the right-most address not itself a trusted proxy wins, so a
 * client cannot choose its own address by sending the header.
 */
public final class ClientAddressResolver {
  private final List<Cidr> trusted;

  public ClientAddressResolver(String trustedProxies) {
    List<Cidr> list = new ArrayList<>();
    if (trustedProxies != null) {
      for (String part : trustedProxies.split(",")) {
        if (!part.isBlank()) {
          list.add(Cidr.parse(part.strip()));
        }
      }
    }
    this.trusted = List.copyOf(list);
  }

  public String resolve(String remoteAddress, String forwardedFor) {
    if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(remoteAddress)) {
      return remoteAddress;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!looksLikeAddress(hop)) {
        return remoteAddress;
      }
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return hops[0].strip();
  }

  boolean isTrusted(String address) {
    return trusted.stream().anyMatch(c -> c.contains(address));
  }

  /** An IPv4 or IPv6 literal (checked before InetAddress sees it, so no DNS lookup can happen). */
  static boolean looksLikeAddress(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return false;
    }
    if (s.indexOf(':') >= 0) {
      return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }
    return s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
        && s.chars().filter(c -> c == '.').count() == 3;
  }

  /** An address range such as 10.0.0.0/8 or a single address. */
  record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      byte[] addr = literal(parts[0]);
      if (addr == null) {
        throw new IllegalArgumentException("runlab.trusted-proxies: not an address: " + text);
      }
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : addr.length * 8;
      return new Cidr(addr, prefix);
    }

    boolean contains(String address) {
      byte[] a = literal(address);
      if (a == null || a.length != network.length) {
        return false;
      }
      int bits = prefix;
      for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((a[i] & mask) != (network[i] & mask)) {
          return false;
        }
      }
      return true;
    }

    private static byte[] literal(String s) {
      if (s == null || s.isEmpty() || !looksLikeAddress(s)) {
        return null;
      }
      try {
        return InetAddress.getByName(s).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }
}

package org.runlab.platform.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This process's name among the instances of one installation: as configured, or, when set to
 * "auto" (or left empty), the host's name and a random part made once per process, so a restarted
 * instance is a new one and what its predecessor left behind counts as abandoned.
 */
public final class InstanceName {
  private static final String AUTO = autoName();

  private InstanceName() {}

  /** The configured name, or this process's own when {@code configured} is "auto" or empty. */
  public static String of(String configured) {
    if (configured != null && !configured.isBlank() && !configured.trim().equals("auto")) {
      return configured.trim();
    }
    return AUTO;
  }

  private static String autoName() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException | RuntimeException e) {
        host = "host";
      }
    }
    host = host.replaceAll("[^A-Za-z0-9.-]", "-");
    if (host.length() > 40) {
      host = host.substring(0, 40);
    }
    return host + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
  }
}

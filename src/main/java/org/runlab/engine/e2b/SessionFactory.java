package org.runlab.engine.e2b;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.runlab.engine.OutputSink;

/**
 * Makes a ready session: create from a template with an egress rule (queueing through 429s until
 * {@code until}, at most {@code create-wait}), read the billed
 * size, wait for the interpreter, open a context, open the lease. Kills what it made on failure.
 */
final class SessionFactory {
  private SessionFactory() {}

  static Session create(
      E2bClient client,
      E2bSettings settings,
      InstantSource clock,
      LeaseRecorder leases,
      Map<String, String> tags,
      Lease.Purpose purpose,
      String learner,
      String template,
      Egress egress,
      long until) {
    long createUntil = Math.min(until, System.nanoTime() + settings.createWait().toNanos());
    SandboxAddress sandbox = createQueued(client, tags, template, egress, createUntil);
    try {
      SandboxInfo info = client.get(sandbox.id());
      client.sandbox().awaitInterpreter(sandbox, settings.interpreterWait());
      String context = client.sandbox().createContext(sandbox);
      // The first cell in a context pays for the kernel's set-up and our runner's imports; pay
      // it now, so a learner's first run is as quick as their second.
      client.sandbox().execute(sandbox, context, RunnerCode.WARM_UP, OutputSink.NONE,
          settings.interpreterWait(), null);
      Lease lease = Lease.open(UUID.randomUUID(), info, purpose, learner, clock.instant());
      leases.opened(lease);
      Session s = new Session(sandbox, context, lease, clock.instant(), template, egress);
      s.learner = learner;
      return s;
    } catch (RuntimeException e) {
      client.kill(sandbox.id());
      throw e;
    }
  }

  private static SandboxAddress createQueued(E2bClient client, Map<String, String> tags,
      String template, Egress egress, long until) {
    while (true) {
      try {
        return client.create(tags, template, egress);
      } catch (E2bException e) {
        if (e.kind() != E2bException.Kind.RATE_LIMITED || System.nanoTime() - until > 0) {
          throw e;
        }
        Duration wait = e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(1);
        E2bClient.sleep(wait);
      }
    }
  }

  /** The metadata every sandbox we create carries. */
  static Map<String, String> tags(E2bSettings settings, String creation, Lease.Purpose purpose, String learner) {
    Map<String, String> md = new LinkedHashMap<>();
    md.put(E2bSessionPool.INSTALLATION, settings.installation());
    md.put(E2bSessionPool.INSTANCE, settings.instance());
    md.put(E2bSessionPool.PURPOSE, purpose.name().toLowerCase(java.util.Locale.ROOT));
    if (learner != null) {
      md.put(E2bSessionPool.LEARNER, pseudonym(learner));
    }
    md.put(E2bSessionPool.CREATION, creation);
    return md;
  }

  /** A stable pseudonym for a learner, so E2B never sees who they are. */
  static String pseudonym(String learner) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(learner.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

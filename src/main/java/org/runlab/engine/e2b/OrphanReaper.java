package org.runlab.engine.e2b;

import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds sandboxes of our installation that no live pool owns (a crashed instance's, a create
 * that half-succeeded, a kill that failed) and kills them, so nothing bills forever.
 */
final class OrphanReaper {
  private static final Logger LOG = Logger.getLogger(OrphanReaper.class.getName());

  private OrphanReaper() {}

  /**
   * Kills our instance's sandboxes that are not in {@code owned} and not still being created
   * ({@code pending} creation tags), and other instances' sandboxes unless that instance is in
   * {@code liveInstances}; when that is null (liveness unknown), other instances' are spared.
   */
  static void sweep(
      E2bClient client, E2bSettings settings, Set<String> owned, Set<String> pending, Set<String> liveInstances) {
    try {
      for (SandboxInfo s : client.list(Map.of(E2bSessionPool.INSTALLATION, settings.installation()))) {
        String instance = s.metadata().get(E2bSessionPool.INSTANCE);
        boolean ours = settings.instance().equals(instance);
        boolean abandoned =
            ours
                ? !owned.contains(s.id())
                : liveInstances != null && (instance == null || !liveInstances.contains(instance));
        String creation = s.metadata().get(E2bSessionPool.CREATION);
        if (abandoned && (creation == null || !pending.contains(creation))) {
          LOG.info("killing orphan sandbox " + s.id() + " of instance " + instance);
          client.kill(s.id());
        }
      }
    } catch (E2bException e) {
      LOG.log(Level.WARNING, "orphan sweep failed; next round retries", e);
    }
  }
}

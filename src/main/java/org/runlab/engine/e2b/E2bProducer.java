package org.runlab.engine.e2b;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import okhttp3.OkHttpClient;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the E2B objects once from MicroProfile Config (container only). Optional beans the
 * application may provide: {@link LeaseRecorder} (JPA), {@link LearnerTiers}; it observes
 * {@link E2bAlert} events.
 */
@ApplicationScoped
public class E2bProducer {
  @Inject Config config;
  @Inject Instance<LeaseRecorder> leaseRecorders;
  @Inject Instance<LearnerTiers> learnerTiers;
  @Inject Event<E2bAlert> alerts;

  private E2bSettings settings;
  private E2bSessionPool pool;
  private E2bEngine engine;

  @PostConstruct
  void build() {
    settings = E2bSettings.from(k -> config.getOptionalValue(E2bSettings.PREFIX + k, String.class).orElse(null));
    LeaseRecorder leases = leaseRecorders.isResolvable() ? leaseRecorders.get() : LeaseRecorder.NONE;
    LearnerTiers tiers = learnerTiers.isResolvable() ? learnerTiers.get() : LearnerTiers.BY_OWNER_PREFIX;
    OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).build();
    E2bClient client = new E2bClient(settings, http);
    pool = new E2bSessionPool(client, settings, InstantSource.system(), leases);
    engine = new E2bEngine(settings, client, pool, leases, tiers::tierOf, m -> alerts.fire(new E2bAlert(m)));
  }

  public E2bSettings settings() {
    return settings;
  }

  public E2bSessionPool pool() {
    return pool;
  }

  public E2bEngine engine() {
    return engine;
  }
}

package org.runlab.engine.e2b;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.runlab.platform.AppConfig;
import org.runlab.platform.alert.AlertSink;

/**
 * Builds the E2B objects once from MicroProfile Config (container only). The application may
 * provide a {@link LeaseRecorder} bean that stores and prices leases; a rejected API key is told
 * to the operators through the alert sink.
 */
@ApplicationScoped
public class E2bProducer {
  @Inject AppConfig config;
  @Inject Instance<LeaseRecorder> leaseRecorders;
  @Inject AlertSink alerts;

  private E2bSettings settings;
  private E2bClient client;
  private E2bSessionPool pool;
  private E2bEngine engine;

  @PostConstruct
  void build() {
    settings = E2bSettings.from(config.get());
    LeaseRecorder leases = leaseRecorders.isResolvable() ? leaseRecorders.get() : LeaseRecorder.NONE;
    OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).build();
    client = new E2bClient(settings, http);
    pool = new E2bSessionPool(client, settings, InstantSource.system(), leases);
    engine = new E2bEngine(settings, client, pool, leases, this::alert);
  }

  /** The same alert is told at most once an hour across the cluster. */
  private void alert(String message) {
    long hour = System.currentTimeMillis() / 3_600_000L;
    alerts.raise("E2B", "e2b:" + Integer.toHexString(message.hashCode()) + ":" + hour, message);
  }

  public E2bSettings settings() {
    return settings;
  }

  /**
   * The running sandboxes E2B lists for this installation (every instance's), with their tags;
   * throws {@link E2bException} when E2B cannot be asked.
   */
  public List<SandboxInfo> installationSandboxes() {
    return client.list(Map.of(E2bSessionPool.INSTALLATION, settings.installation()));
  }

  public E2bSessionPool pool() {
    return pool;
  }

  public E2bEngine engine() {
    return engine;
  }
}

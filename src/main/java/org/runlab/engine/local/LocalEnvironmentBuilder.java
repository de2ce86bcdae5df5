package org.runlab.engine.local;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Consumer;
import org.runlab.engine.Environment;
import org.runlab.engine.EnvironmentBuilder;

/**
 * Builds a lesson environment's requirements into the local engine's cached layer (from the
 * operator's wheelhouse), so the lesson's runs find it ready and install nothing themselves.
 */
@ApplicationScoped
public class LocalEnvironmentBuilder implements EnvironmentBuilder {
  @Inject private LocalEngineService local;

  @Override
  public Outcome build(Environment environment, Consumer<String> log) {
    try {
      LocalEngine.PreparedEnvironment ready = local.engine().prepare(environment, log);
      return new Outcome(true, String.format(Locale.ROOT, "Ready: layer %s, %.1f MiB.",
          ready.key().substring(0, Math.min(12, ready.key().length())), ready.bytes() / 1048576.0));
    } catch (InstallFailed e) {
      e.problems().forEach(log);
      return new Outcome(false, e.timedOut() ? "Not built: " + e.getMessage() + "."
          : "Not built: " + e.problems().size() + " requirement(s) could not be installed.");
    } catch (IllegalStateException e) {
      return new Outcome(false, "Not built: " + e.getMessage() + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "Not built: the server is stopping.");
    }
  }
}

package org.runlab.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.runlab.engine.e2b.GuardedE2bEngine;
import org.runlab.engine.local.LocalEngineService;

/** The server engines by name ("local", "e2b"), for the pipeline and for health. */
@ApplicationScoped
public class EngineRegistry {
  @Inject private LocalEngineService local;
  @Inject private GuardedE2bEngine e2b;

  public Map<String, Engine> serverEngines() {
    Map<String, Engine> engines = new LinkedHashMap<>();
    engines.put("local", local.engine());
    engines.put("e2b", e2b);
    return engines;
  }

  public Optional<Engine> get(String name) {
    return Optional.ofNullable(serverEngines().get(name));
  }

  public Availability availability(String name) {
    return get(name).map(Engine::availability).orElse(Availability.down("the " + name + " engine is not configured"));
  }
}

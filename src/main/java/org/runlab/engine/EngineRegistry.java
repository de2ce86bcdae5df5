package org.runlab.engine;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The server engines the application provides (every CDI bean that is an {@link Engine}), by id. */
@ApplicationScoped
public class EngineRegistry {
  @Inject @Any private Instance<Engine> beans;

  private final Map<EngineId, Engine> engines = new EnumMap<>(EngineId.class);

  @PostConstruct
  void collect() {
    for (Engine e : beans) {
      engines.put(e.id(), e);
    }
  }

  public Collection<Engine> serverEngines() {
    return engines.values();
  }

  public Optional<Engine> get(EngineId id) {
    return Optional.ofNullable(engines.get(id));
  }

  public Availability availability(EngineId id) {
    return get(id).map(Engine::availability)
        .orElse(Availability.down("the " + id + " engine is not part of this installation"));
  }
}

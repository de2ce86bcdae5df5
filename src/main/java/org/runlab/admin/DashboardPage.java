package org.runlab.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The admin dashboard: the health of every Runlab component. */
@Named
@RequestScoped
public class DashboardPage {
  @Inject @Readiness @Any private Instance<HealthCheck> checks;

  private List<Component> components;

  /** One component's health as the dashboard shows it. */
  public record Component(String name, boolean up, String details) {
    public String getName() {
      return name;
    }

    public boolean isUp() {
      return up;
    }

    public String getDetails() {
      return details;
    }
  }

  public List<Component> getComponents() {
    if (components == null) {
      List<Component> list = new ArrayList<>();
      for (HealthCheck check : checks) {
        HealthCheckResponse r;
        try {
          r = check.call();
        } catch (RuntimeException e) {
          list.add(new Component(check.getClass().getSimpleName(), false, e.toString()));
          continue;
        }
        Map<String, Object> data = new TreeMap<>(r.getData().orElse(Map.of()));
        list.add(
            new Component(
                r.getName(), r.getStatus() == HealthCheckResponse.Status.UP, data.toString()));
      }
      list.sort(Comparator.comparing(Component::name));
      components = list;
    }
    return components;
  }

  public boolean isAllUp() {
    return getComponents().stream().allMatch(Component::up);
  }
}

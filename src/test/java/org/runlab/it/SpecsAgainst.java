package org.runlab.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Runs spec classes against an already running Runlab, for the development loop:
 * {@code java -cp ... org.runlab.it.SpecsAgainst http://127.0.0.1:8093/ WorkspaceSpec [method]}.
 */
public final class SpecsAgainst {
  private SpecsAgainst() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    Class<?> spec = Class.forName("org.runlab.it." + args[1]);
    Object instance = spec.getConstructor(URI.class).newInstance(base);
    int failed = 0;
    for (Method m : Arrays.stream(spec.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0)
        .filter(m -> args.length < 3 || m.getName().contains(args[2]))
        .sorted(Comparator.comparing(Method::getName)).toList()) {
      long t0 = System.nanoTime();
      try {
        m.invoke(instance);
        System.out.printf("PASS %s (%d ms)%n", m.getName(), (System.nanoTime() - t0) / 1_000_000);
      } catch (InvocationTargetException e) {
        failed++;
        System.out.printf("FAIL %s: %s%n", m.getName(), e.getCause());
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}

package org.runlab.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Turns spec classes into JUnit dynamic tests against one running deployment, so every black-box
 * test shares a single start of the real WAR. A spec is a class with a constructor taking the
 * deployment's base URI and public void no-argument methods, one behaviour each.
 */
public final class Specs {
  private Specs() {}

  public static Stream<DynamicNode> of(URI base, Class<?>... specs) {
    return Arrays.stream(specs).map(spec -> container(base, spec));
  }

  private static DynamicNode container(URI base, Class<?> spec) {
    Object instance;
    try {
      instance = spec.getConstructor(URI.class).newInstance(base);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(spec + " needs a public constructor taking the base URI", e);
    }
    Stream<DynamicTest> tests =
        Arrays.stream(spec.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
            .filter(m -> m.getParameterCount() == 0 && m.getReturnType() == void.class)
            .sorted(Comparator.comparing(Method::getName))
            .map(m -> DynamicTest.dynamicTest(m.getName(), () -> invoke(instance, m)));
    return DynamicContainer.dynamicContainer(spec.getSimpleName(), tests);
  }

  private static void invoke(Object instance, Method m) throws Throwable {
    try {
      m.invoke(instance);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

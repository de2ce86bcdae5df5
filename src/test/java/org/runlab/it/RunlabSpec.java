package org.runlab.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A black-box spec of the real WAR: its tests run against the one deployment every spec shares
 * ({@link SharedDeployment}), whose base URI (and fake E2B) its constructor takes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedDeployment.class)
public @interface RunlabSpec {}

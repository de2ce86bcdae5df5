package org.runlab.engine.e2b;

import org.runlab.engine.Engine;

/**
 * The engine E2B runs fall back to while E2B is off, unconfigured or failing: the application
 * provides one CDI bean of this type (its local sandbox engine).
 */
public interface FallbackEngine extends Engine {}

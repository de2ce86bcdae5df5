package org.runlab.engine.e2b;

/** A CDI event for administrators: E2B needs attention (the API key was rejected, say). */
public record E2bAlert(String message) {}

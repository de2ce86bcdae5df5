package org.runlab.engine.e2b;

/**
 * A sandbox we can talk to: its id, the envd access token (null when not secure) and the domain
 * its ports live under.
 */
public record SandboxAddress(String id, String templateId, String accessToken, String domain) {}

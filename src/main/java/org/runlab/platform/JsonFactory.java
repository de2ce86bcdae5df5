package org.runlab.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider Runlab uses. {@code JsonFactory.JSON.createX} looks the provider up
 * through the service loader on every call, which scans the class path: profiling the run API
 * showed it as the largest CPU cost of a request.
 */
public final class JsonFactory {
  public static final JsonProvider JSON = JsonProvider.provider();

  private JsonFactory() {}
}

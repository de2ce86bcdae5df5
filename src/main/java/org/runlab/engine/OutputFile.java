package org.runlab.engine;

import java.util.Locale;
import java.util.Map;

/** A file the program wrote (a PNG plot, a CSV it saved), returned with the result. */
public record OutputFile(String path, String mediaType, byte[] content) {
  private static final Map<String, String> MEDIA_TYPES =
      Map.ofEntries(
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("csv", "text/csv"),
          Map.entry("json", "application/json"),
          Map.entry("html", "text/html"),
          Map.entry("txt", "text/plain"),
          Map.entry("md", "text/markdown"));

  /** A file named {@code path}, its media type told by its extension. */
  public static OutputFile of(String path, byte[] content) {
    return new OutputFile(path, mediaTypeOf(path), content);
  }

  /** The media type a file name's extension says; application/octet-stream when unknown. */
  public static String mediaTypeOf(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return MEDIA_TYPES.getOrDefault(ext, "application/octet-stream");
  }
}

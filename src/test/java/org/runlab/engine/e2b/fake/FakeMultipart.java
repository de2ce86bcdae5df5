package org.runlab.engine.e2b.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough multipart/form-data parsing for envd's {@code POST /files}. */
final class FakeMultipart {
  private static final Pattern NAME = Pattern.compile("(?<![a-z])name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  /** One part: its form field name, its filename and its bytes. */
  record Part(String name, String filename, byte[] content) {}

  private FakeMultipart() {}

  static List<Part> parse(String contentType, byte[] body) {
    if (contentType == null || !contentType.startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("expected multipart/form-data, got " + contentType);
    }
    String boundary = contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
    // ISO-8859-1 maps bytes to chars one to one, so offsets stay byte offsets.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    List<Part> parts = new ArrayList<>();
    int at = text.indexOf(delimiter);
    while (at >= 0) {
      int start = at + delimiter.length();
      if (text.startsWith("--", start)) {
        break;
      }
      int headersEnd = text.indexOf("\r\n\r\n", start);
      int next = text.indexOf("\r\n" + delimiter, headersEnd);
      if (headersEnd < 0 || next < 0) {
        throw new IllegalArgumentException("malformed multipart body");
      }
      String headers = text.substring(start, headersEnd);
      Matcher name = NAME.matcher(headers);
      Matcher filename = FILENAME.matcher(headers);
      parts.add(
          new Part(
              name.find() ? name.group(1) : "",
              filename.find() ? filename.group(1) : "",
              Arrays.copyOfRange(body, headersEnd + 4, next)));
      at = next + 2;
    }
    return parts;
  }
}

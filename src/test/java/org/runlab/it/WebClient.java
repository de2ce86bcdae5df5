package org.runlab.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that can fill in and submit Runlab's Faces forms. */
public final class WebClient {
  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form id=\"([^\"]+)\"[^>]*action=\"([^\"]+)\"");

  private final URI base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  public WebClient(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  public URI base() {
    return base;
  }

  public CookieManager cookies() {
    return cookies;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<java.io.InputStream> sendStreaming(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens {@code page}, fills the fields of its form {@code formId} and presses {@code button};
   * returns the final response after redirects.
   */
  public HttpResponse<String> submit(String page, String formId, Map<String, String> fields, String button) {
    HttpResponse<String> form = get(page);
    String html = form.body();
    Matcher state = VIEW_STATE.matcher(html);
    if (!state.find()) {
      throw new AssertionError("no Faces view state on " + page + ":\n" + html);
    }
    String action = null;
    Matcher m = FORM_ACTION.matcher(html);
    while (m.find()) {
      if (m.group(1).equals(formId)) {
        action = m.group(2).replace("&amp;", "&");
      }
    }
    if (action == null) {
      throw new AssertionError("no form " + formId + " on " + page);
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put(formId, formId);
    data.putAll(fields);
    data.put(button, button);
    data.put("jakarta.faces.ViewState", state.group(1));
    String body =
        data.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(form.uri().resolve(action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

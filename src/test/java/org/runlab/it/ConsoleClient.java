package org.runlab.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives a console page over HTTP as a browser without JavaScript would: opens it, then presses
 * buttons in its forms one after another in the same view (a view-scoped page keeps its state).
 */
final class ConsoleClient {
  private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern FORM = Pattern.compile("<form id=\"([^\"]+)\"[^>]*action=\"([^\"]+)\"");

  final WebClient web;
  private HttpResponse<String> page;

  ConsoleClient(WebClient web) {
    this.web = web;
  }

  static ConsoleClient admin(URI base) {
    WebClient web = new WebClient(base);
    AccountSpec.signIn(web, AdminSpec.ADMIN_EMAIL, AdminSpec.ADMIN_PASSWORD);
    return new ConsoleClient(web);
  }

  HttpResponse<String> open(String path) {
    page = web.get(path);
    return page;
  }

  String html() {
    return page.body();
  }

  /** Presses {@code button} of form {@code formId} on the page now open, with these fields. */
  HttpResponse<String> press(String formId, Map<String, String> fields, String button) {
    String html = page.body();
    Matcher state = VIEW_STATE.matcher(html);
    if (!state.find()) {
      throw new AssertionError("no view state on " + page.uri() + ":\n" + html);
    }
    String action = null;
    Matcher m = FORM.matcher(html);
    while (m.find()) {
      if (m.group(1).equals(formId)) {
        action = m.group(2).replace("&amp;", "&");
      }
    }
    if (action == null) {
      throw new AssertionError("no form " + formId + " on " + page.uri() + ":\n" + html);
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put(formId, formId);
    data.putAll(fields);
    data.put(button, button);
    data.put("jakarta.faces.ViewState", state.group(1));
    String body = data.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    page = web.send(HttpRequest.newBuilder(page.uri().resolve(action))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    return page;
  }

  /** Posts a made-up form to a console page without having opened it (what a forged request does). */
  static HttpResponse<String> forge(WebClient web, String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return web.send(HttpRequest.newBuilder(web.base().resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

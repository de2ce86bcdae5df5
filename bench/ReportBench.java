import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/reports.sh's client: signs in as the admin, starts a cost report of a period over the API,
 * follows it until it is done, and prints the seconds it took and the report's grand total and
 * reconciliation. Usage: java bench/ReportBench.java BASE_URL ADMIN_PASSWORD FROM TO
 */
public class ReportBench {
  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    String page = http.send(HttpRequest.newBuilder(base.resolve("signin.xhtml")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page);
    Matcher action = Pattern.compile("<form id=\"signin\"[^>]*action=\"([^\"]+)\"").matcher(page);
    if (!state.find() || !action.find()) {
      throw new IllegalStateException("no sign-in form");
    }
    String form = "signin=signin&email=admin%40runlab.local&password=" + URLEncoder.encode(args[1], StandardCharsets.UTF_8)
        + "&submit=submit&jakarta.faces.ViewState=" + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8);
    http.send(HttpRequest.newBuilder(base.resolve(action.group(1).replace("&amp;", "&")))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
    long t0 = System.nanoTime();
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(base.resolve("api/reports/cost"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + args[2] + "\",\"to\":\"" + args[3] + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 202) {
      throw new IllegalStateException("start: " + started.statusCode() + " " + started.body());
    }
    Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(started.body());
    id.find();
    String body;
    int lastPercent = -1;
    while (true) {
      Thread.sleep(500);
      body = http.send(HttpRequest.newBuilder(base.resolve("api/reports/cost/" + id.group(1))).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher p = Pattern.compile("\"percent\":(\\d+)").matcher(body);
      if (p.find() && Integer.parseInt(p.group(1)) / 10 != lastPercent / 10) {
        lastPercent = Integer.parseInt(p.group(1));
        System.err.printf("%6.1f s  %d%%%n", (System.nanoTime() - t0) / 1e9, lastPercent);
      }
      if (body.contains("\"report\"") || body.contains("\"state\":\"FAILED\"")) {
        break;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("seconds=%.1f%n", seconds);
    for (String key : new String[] {"state", "grandTotalUsd", "differenceUsd", "reconciled", "total"}) {
      Matcher m = Pattern.compile("\"" + key + "\":\"?([^\",}]+)").matcher(body);
      if (m.find()) {
        System.out.println(key + "=" + m.group(1));
      }
    }
  }
}

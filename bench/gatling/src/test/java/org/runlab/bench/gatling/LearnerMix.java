package org.runlab.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The learner mix of issue 16 against a running Runlab (one instance or HAProxy in front of a
 * cluster). Learners arrive at a steady rate; each signs up, signs out and in again (a returning
 * learner), then works through a lesson: opens the page, auto-saves a snapshot, runs a simple
 * program in the browser (POST /api/runs, then the page's report) and a bigger one on the server
 * (POST /api/runs, then its Server-Sent Events until the result). Anonymous visitors do the same
 * without an account. A few abusive visitors post server runs from one address with a fresh cookie
 * each time, so the address's budget runs out and they get 429s: the only errors expected.
 *
 * <p>Learners and visitors connect from addresses of their own (127.10-13.0.x and 127.20-23.0.x on
 * loopback), as real learners come from many; the abusive visitors all from 127.99.0.1.
 *
 * <p>Settings (system properties): {@code base} (URL), {@code duration} (seconds of arrivals),
 * {@code learnersPerMinute}, {@code visitorsPerMinute}, {@code abusersPerMinute}, {@code
 * lessons} (work loops per learner), {@code think} (mean seconds between a learner's steps),
 * {@code counts} (a file where the accepted runs are written for the ledger check).
 */
public class LearnerMix extends Simulation {
  private static final String BASE = System.getProperty("base", "http://127.0.0.1:18580");
  private static final Duration DURATION = Duration.ofSeconds(Long.getLong("duration", 300));
  private static final double LEARNERS_PER_MINUTE = Double.parseDouble(System.getProperty("learnersPerMinute", "12"));
  private static final double VISITORS_PER_MINUTE = Double.parseDouble(System.getProperty("visitorsPerMinute", "12"));
  private static final double ABUSERS_PER_MINUTE = Double.parseDouble(System.getProperty("abusersPerMinute", "30"));
  private static final int LESSON_LOOPS = Integer.getInteger("lessons", 6);
  private static final int THINK = Integer.getInteger("think", 6);
  private static final String COUNTS = System.getProperty("counts", "target/load-counts.properties");
  private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

  /** A program the selection keeps in the browser, and one it sends to the server (threads). */
  private static final String BROWSER_PROGRAM = "print('hi')";
  private static final String SERVER_PROGRAM = "import threading\\nprint('hi')";
  /** The one address every abusive visitor comes from: its budget is used up within the first minute. */
  private static final String ABUSER_ADDRESS = "127.99.0.1";

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final AtomicLong SERVER_ACCEPTED = new AtomicLong();
  private static final AtomicLong SERVER_REFUSED_BUSY = new AtomicLong();
  private static final AtomicLong BROWSER_REPORTED = new AtomicLong();
  private static final AtomicLong ABUSIVE_ACCEPTED = new AtomicLong();
  private static final AtomicLong ABUSIVE_REFUSED = new AtomicLong();

  /**
   * A browser's connections, from the given local addresses (one per virtual user, in turn): loopback
   * has all of 127.0.0.0/8, so each learner can come from an address of its own, through HAProxy
   * (which tells the members the client's address) or straight to one instance.
   */
  private static HttpProtocolBuilder browsers(List<String> addresses) {
    return http.baseUrl(BASE)
        .acceptLanguageHeader("en")
        .userAgentHeader("runlab-load (Gatling)")
        .disableCaching()
        .localAddresses(addresses);
  }

  /** {@code count} addresses from 127.{first}.0.1 on, 250 in each of 127.{first}.0.x, 127.{first + 1}.0.x, ... */
  private static List<String> addresses(int first, int count) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add("127." + (first + i / 250) + ".0." + (i % 250 + 1));
    }
    return list;
  }

  /** A fresh client's number, for its e-mail address and its saved code. */
  private static Session newClient(Session s) {
    return s.set("n", NEXT.incrementAndGet());
  }

  private static String runBody(String program, boolean wait) {
    return "{\"files\":[{\"path\":\"main.py\",\"content\":\"" + program + "\"}],\"entry\":\"main.py\",\"lessonId\":\"hello\""
        + (wait ? ",\"wait\":true" : "") + "}";
  }

  private static ChainBuilder facesForm(String name, String page, String form, String... fields) {
    var post = http(name).post("#{action}")
        .formParam(form, form)
        .formParam("jakarta.faces.ViewState", "#{viewState}")
        .formParam("submit", "submit");
    for (int i = 0; i < fields.length; i += 2) {
      post = post.formParam(fields[i], fields[i + 1]);
    }
    return exec(http(name + " page").get(page)
            .check(status().is(200))
            .check(regex("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").saveAs("viewState"))
            .check(regex("<form id=\"" + form + "\"[^>]*action=\"([^\"]+)\"").transform(a -> a.replace("&amp;", "&"))
                .saveAs("action")))
        .exec(post.check(status().is(200)).check(substring("Sign out").exists()));
  }

  private static final ChainBuilder LESSON_PAGE = exec(http("lesson page").get("/lesson.xhtml?l=hello")
      .check(status().is(200)).check(substring("rl-run").exists()));

  private static final ChainBuilder BROWSER_RUN = exec(http("browser decision").post("/api/runs")
          .header("Content-Type", "application/json").body(StringBody(runBody(BROWSER_PROGRAM, false)))
          .check(status().is(200)).check(jsonPath("$.engine").is("browser")).check(jsonPath("$.id").saveAs("runId")))
      .pause(Duration.ofMillis(200), Duration.ofMillis(800))
      .exec(http("browser report").post("/api/runs/#{runId}/report")
          .header("Content-Type", "application/json")
          .body(StringBody("{\"verdict\":\"OK\",\"exitCode\":0,\"wallTimeMs\":40,\"stdout\":\"hi\\n\",\"stderr\":\"\"}"))
          .check(status().is(200)).check(status().saveAs("reportStatus")))
      .exec(s -> {
        if (s.contains("reportStatus")) {
          BROWSER_REPORTED.incrementAndGet();
        }
        return s.remove("reportStatus");
      });

  /** A server run as the page does it: 202 with the events' address, then the stream until the result. */
  private static final ChainBuilder SERVER_RUN = exec(s -> s.remove("events"))
      .exec(http("server run").post("/api/runs")
          .header("Content-Type", "application/json").body(StringBody(runBody(SERVER_PROGRAM, false)))
          .check(status().saveAs("runStatus"))
          .check(status().is(202)).check(jsonPath("$.eventsUrl").saveAs("events")))
      .exec(s -> {
        // By the answer, not by the session's state: one KO earlier marks the whole session failed.
        if (s.contains("events")) {
          SERVER_ACCEPTED.incrementAndGet();
        } else if (s.contains("runStatus") && s.getInt("runStatus") == 200) {
          SERVER_REFUSED_BUSY.incrementAndGet();
        }
        return s.remove("runStatus");
      })
      .doIf(s -> s.contains("events")).then(exec(http("server run events (SSE to result)").get("#{events}")
          .header("Accept", "text/event-stream")
          .check(status().is(200))
          .check(regex("event: ?result").exists())
          .check(substring("\"verdict\":\"OK\"").exists())));

  private static final ChainBuilder AUTO_SAVE = exec(http("snapshot auto-save").post("/api/workspaces/hello/snapshots")
      .header("Content-Type", "application/json")
      .body(StringBody(s -> "{\"files\":[{\"path\":\"main.py\",\"content\":\"print('hi')\\n# "
          + s.getInt("n") + " " + System.nanoTime() + "\\n\"}],\"entry\":\"main.py\",\"reason\":\"AUTO\"}"))
      .check(status().is(201)));

  private static Duration think() {
    return Duration.ofSeconds(THINK);
  }

  private final ScenarioBuilder learners = scenario("learner")
      .exec(LearnerMix::newClient)
      .exec(s -> s.set("email", "load-" + RUN_ID + "-" + s.getInt("n") + "@example.org"))
      .exec(facesForm("sign-up", "/signup.xhtml", "signup",
          "email", "#{email}", "displayName", "Load #{n}", "password", "load-test-password"))
      // A returning learner: a new browser (no cookies), then the sign-in form.
      .exec(flushCookieJar())
      .exec(facesForm("sign-in", "/signin.xhtml", "signin", "email", "#{email}", "password", "load-test-password"))
      .repeat(LESSON_LOOPS).on(
          exec(LESSON_PAGE)
              .exec(http("workspace latest").get("/api/workspaces/hello/latest").check(status().in(200, 204)))
              .pause(think())
              .exec(AUTO_SAVE)
              .exec(BROWSER_RUN)
              .pause(think())
              .exec(AUTO_SAVE)
              .exec(SERVER_RUN)
              .pause(think()));

  private final ScenarioBuilder visitors = scenario("visitor")
      .exec(LearnerMix::newClient)
      .repeat(Math.max(1, LESSON_LOOPS / 2)).on(
          exec(LESSON_PAGE)
              .pause(think())
              .exec(BROWSER_RUN)
              .pause(think())
              .exec(SERVER_RUN)
              .pause(think()));

  /** Rotating cookies from one address: admitted until the address's budget is gone, then 429. */
  private final ScenarioBuilder abusers = scenario("abusive visitor")
      .exec(s -> s.set("n", 0))
      .exec(http("abusive server run").post("/api/runs")
          .header("Content-Type", "application/json").body(StringBody(runBody(SERVER_PROGRAM, true)))
          .check(status().in(200, 429).saveAs("status")))
      .exec(s -> {
        if (!s.isFailed()) {
          (s.getInt("status") == 429 ? ABUSIVE_REFUSED : ABUSIVE_ACCEPTED).incrementAndGet();
        }
        return s;
      });

  {
    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(learners.injectOpen(constantUsersPerSec(LEARNERS_PER_MINUTE / 60).during(DURATION))
        .protocols(browsers(addresses(10, 1000))));
    if (VISITORS_PER_MINUTE > 0) {
      populations.add(visitors.injectOpen(constantUsersPerSec(VISITORS_PER_MINUTE / 60).during(DURATION))
          .protocols(browsers(addresses(20, 1000))));
    }
    if (ABUSERS_PER_MINUTE > 0) {
      populations.add(abusers.injectOpen(constantUsersPerSec(ABUSERS_PER_MINUTE / 60).during(DURATION))
          .protocols(browsers(List.of(ABUSER_ADDRESS))));
    }
    setUp(populations);
  }

  @Override
  public void after() {
    String text = "server.accepted=" + SERVER_ACCEPTED.get() + "\nserver.refused-busy=" + SERVER_REFUSED_BUSY.get()
        + "\nbrowser.reported=" + BROWSER_REPORTED.get()
        + "\nabusive.accepted=" + ABUSIVE_ACCEPTED.get() + "\nabusive.refused=" + ABUSIVE_REFUSED.get() + "\n";
    try {
      Files.writeString(Path.of(COUNTS), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.print(text);
  }
}

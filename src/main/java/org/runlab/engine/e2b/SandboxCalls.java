package org.runlab.engine.e2b;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.runlab.engine.Cancellation;
import org.runlab.engine.OutputSink;
import org.runlab.platform.JsonFactory;

/**
 * Calls into a sandbox through E2B's proxy: the code interpreter on port 49999 (over HTTP/1.1
 * only, so cancelling a call really closes the connection) and envd on port 49983.
 */
public final class SandboxCalls {
  static final int INTERPRETER = 49999;
  static final int ENVD = 49983;
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "e2b-deadlines");
            t.setDaemon(true);
            return t;
          });

  private final E2bSettings settings;
  private final OkHttpClient http;

  SandboxCalls(E2bSettings settings, OkHttpClient base) {
    this.settings = settings;
    this.http =
        base.newBuilder()
            .protocols(List.of(Protocol.HTTP_1_1))
            .readTimeout(Duration.ZERO) // the execution deadline bounds reads; keepalives come every 5 s
            .build();
  }

  /** Waits until the code interpreter answers, retrying 502 "port is not open" until {@code max}. */
  public void awaitInterpreter(SandboxAddress s, Duration max) {
    long until = System.nanoTime() + max.toNanos();
    while (true) {
      try (Response r = call(request(s, INTERPRETER, "/health").get().build())) {
        if (r.isSuccessful()) {
          return;
        }
        E2bException e = Responses.failure(r);
        if (e.kind() != E2bException.Kind.PORT_NOT_OPEN || System.nanoTime() > until) {
          throw e;
        }
      }
      E2bClient.sleep(Duration.ofMillis(100));
    }
  }

  /** Creates a Python context in the home directory; returns its id. */
  public String createContext(SandboxAddress s) {
    JsonObject body = JsonFactory.JSON.createObjectBuilder().add("language", "python").add("cwd", "/home/user").build();
    try (Response r = ok(call(request(s, INTERPRETER, "/contexts").post(json(body)).build()))) {
      try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(r.body().string()))) {
        return reader.readObject().getString("id");
      }
    } catch (IOException e) {
      throw E2bClient.network("create context", e);
    }
  }

  /** Restarts a context's kernel: all its state is lost, and a stuck execution ends. */
  public void restartContext(SandboxAddress s, String contextId) {
    ok(call(request(s, INTERPRETER, "/contexts/" + contextId + "/restart").post(json(JsonObject.EMPTY_JSON_OBJECT)).build()))
        .close();
  }

  /**
   * Runs {@code code} in a context, streaming output to {@code listener}. Throws DEADLINE when
   * {@code deadline} passes (the call is cancelled, which closes the connection); returns the
   * unfinished execution when {@code cancellation} is set.
   */
  public Execution execute(
      SandboxAddress s,
      String contextId,
      String code,
      OutputSink listener,
      Duration deadline,
      Cancellation cancellation) {
    JsonObjectBuilder body = JsonFactory.JSON.createObjectBuilder().add("code", code);
    if (contextId != null) {
      body.add("context_id", contextId);
    }
    Call call = http.newCall(request(s, INTERPRETER, "/execute").post(json(body.build())).build());
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> timer =
        DEADLINES.schedule(
            () -> {
              late.set(true);
              call.cancel();
            },
            deadline.toMillis(),
            TimeUnit.MILLISECONDS);
    if (cancellation != null) {
      cancellation.onCancel(call::cancel);
    }
    Execution execution = new Execution();
    try (Response r = call.execute()) {
      if (!r.isSuccessful()) {
        throw Responses.failure(r);
      }
      ExecutionStream.read(r.body().source(), execution, listener);
      if (!execution.finished()) {
        throw new IOException("the execution stream ended before end_of_execution");
      }
      return execution;
    } catch (IOException e) {
      // A cancelled call may surface as an exception or as a plain end of the stream.
      if (late.get()) {
        throw new E2bException(E2bException.Kind.DEADLINE, 0, "execution deadline of " + deadline + " passed", null, e);
      }
      if (cancellation != null && cancellation.isCancelled()) {
        return execution;
      }
      throw E2bClient.network("execute", e);
    } finally {
      timer.cancel(false);
    }
  }

  /**
   * Uploads files through envd {@code /files}, one multipart part named {@code file} per file,
   * its filename being the destination (relative paths land under the user's home).
   */
  public void upload(SandboxAddress s, Map<String, byte[]> files) {
    if (files.isEmpty()) {
      return;
    }
    MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
    MediaType octets = MediaType.get("application/octet-stream");
    files.forEach((path, bytes) -> body.addFormDataPart("file", path, RequestBody.create(bytes, octets)));
    ok(call(request(s, ENVD, "/files").post(body.build()).build())).close();
  }

  /** Downloads one file through envd {@code /files}. */
  public byte[] download(SandboxAddress s, String path) {
    Request.Builder b = request(s, ENVD, "/files");
    Request req = b.url(b.build().url().newBuilder().addQueryParameter("path", path).build()).get().build();
    try (Response r = ok(call(req))) {
      return r.body().bytes();
    } catch (IOException e) {
      throw E2bClient.network("download", e);
    }
  }

  /** A request to a sandbox port, with both routing headers always (as the SDKs send them). */
  Request.Builder request(SandboxAddress s, int port, String path) {
    String base =
        settings.sandboxUrl() != null
            ? settings.sandboxUrl()
            : "https://" + port + "-" + s.id() + "." + (s.domain() != null ? s.domain() : settings.domain());
    Request.Builder b =
        new Request.Builder()
            .url(base + path)
            .header("E2b-Sandbox-Id", s.id())
            .header("E2b-Sandbox-Port", Integer.toString(port));
    if (s.accessToken() != null) {
      b.header("X-Access-Token", s.accessToken());
    }
    return b;
  }

  private Response call(Request request) {
    try {
      return http.newCall(request).execute();
    } catch (IOException e) {
      throw E2bClient.network(request.method() + " " + request.url().encodedPath(), e);
    }
  }

  private static Response ok(Response r) {
    if (!r.isSuccessful()) {
      try (r) {
        throw Responses.failure(r);
      }
    }
    return r;
  }

  private static RequestBody json(JsonObject o) {
    return RequestBody.create(o.toString(), E2bClient.JSON);
  }
}

package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.runlab.engine.e2b.fake.FakeE2b;

/** The fake's proxy and interpreter answer malformed requests the way the real ones do. */
class E2bFakeProxyTest {
  private final OkHttpClient http = new OkHttpClient();
  private FakeE2b fake;
  private SandboxAddress sandbox;

  @BeforeEach
  void start() throws Exception {
    fake = FakeE2b.start();
    sandbox = E2bTestSupport.client(fake).create(Map.of());
  }

  @AfterEach
  void stop() {
    E2bTestSupport.client(fake).kill(sandbox.id());
    assertThat(fake.liveSandboxIds()).isEmpty();
    fake.close();
  }

  private String[] call(Request.Builder b) throws Exception {
    try (Response r = http.newCall(b.build()).execute()) {
      return new String[] {Integer.toString(r.code()), r.body().string()};
    }
  }

  private Request.Builder to(String path) {
    return new Request.Builder().url(fake.sandboxUrl() + path);
  }

  @Test
  void oneRoutingHeaderAloneIsAPlainTextMissingHeader() throws Exception {
    assertThat(call(to("/health").header("E2b-Sandbox-Id", sandbox.id()))).containsExactly("400", "missing header");
  }

  @Test
  void badSandboxIdIsAPlainText400() throws Exception {
    assertThat(call(to("/health").header("E2b-Sandbox-Id", "NOT-valid").header("E2b-Sandbox-Port", "49999"))[0])
        .isEqualTo("400");
  }

  @Test
  void unknownSandboxIsAProxyStyleJson502() throws Exception {
    String[] r = call(to("/health").header("E2b-Sandbox-Id", "iunknown").header("E2b-Sandbox-Port", "49999"));

    assertThat(r[0]).isEqualTo("502");
    assertThat(r[1]).contains("\"message\":\"The sandbox was not found\"").contains("\"sandboxId\":\"iunknown\"");
  }

  @Test
  void contextIdWithLanguageIsRefusedInPlainText() throws Exception {
    String[] r = call(to("/execute").header("E2b-Sandbox-Id", sandbox.id()).header("E2b-Sandbox-Port", "49999")
        .post(RequestBody.create("{\"code\":\"1\",\"context_id\":\"x\",\"language\":\"python\"}",
            MediaType.get("application/json"))));

    assertThat(r).containsExactly("400", "Only one of context_id or language can be provided");
  }

  @Test
  void unknownContextIsAPlainText404() throws Exception {
    String[] r = call(to("/execute").header("E2b-Sandbox-Id", sandbox.id()).header("E2b-Sandbox-Port", "49999")
        .post(RequestBody.create("{\"code\":\"1\",\"context_id\":\"nope\"}", MediaType.get("application/json"))));

    assertThat(r).containsExactly("404", "Context nope not found");
  }

  @Test
  void envdHealthNeedsNoTokenButFilesDo() throws Exception {
    Request.Builder envd = to("/health").header("E2b-Sandbox-Id", sandbox.id()).header("E2b-Sandbox-Port", "49983");
    assertThat(call(envd)[0]).isEqualTo("204");

    Request.Builder files = to("/files?path=x.txt").header("E2b-Sandbox-Id", sandbox.id()).header("E2b-Sandbox-Port", "49983");
    assertThat(call(files)[0]).isEqualTo("401");
  }

  @Test
  void otherPortsAreNotOpen() throws Exception {
    String[] r = call(to("/").header("E2b-Sandbox-Id", sandbox.id()).header("E2b-Sandbox-Port", "8080"));

    assertThat(r[0]).isEqualTo("502");
    assertThat(r[1]).contains("port is not open");
  }
}

package org.runlab.course;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
  @Test
  void rendersHeadingsCodeAndLists() {
    String html = MarkdownRenderer.toSafeHtml("# Title\n\n- one\n\n```python\nprint(1)\n```\n");
    assertThat(html).contains("<h1>Title</h1>", "<li>one</li>", "class=\"language-python\"");
  }

  @Test
  void escapesRawHtml() {
    String html = MarkdownRenderer.toSafeHtml("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>");
    assertThat(html).doesNotContain("<script>", "<img").contains("&lt;script&gt;");
  }

  @Test
  void dropsJavascriptLinks() {
    String html = MarkdownRenderer.toSafeHtml("[click](javascript:alert(1))");
    assertThat(html).doesNotContain("javascript:");
  }
}

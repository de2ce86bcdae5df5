package org.runlab.course;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns lesson Markdown into HTML that is safe to show: raw HTML in the source is escaped, and
 * links with unsafe schemes ({@code javascript:}, {@code data:}) are dropped.
 */
public final class MarkdownRenderer {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private MarkdownRenderer() {}

  public static String toSafeHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
  }
}

package org.runlab.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Makes the lesson page and its scripts cross-origin isolated (COOP same-origin, COEP
 * require-corp), which Pyodide's worker needs for SharedArrayBuffer: the interrupt buffer that
 * stops runaway code and the blocking {@code input()}. The headers must be on the page and on the
 * worker script alike. The versioned Pyodide files never change, so browsers may keep them for a
 * year. Pyodide's files and the served package mirror are for this site only (CORP same-origin).
 */
@WebFilter(
    filterName = "CrossOriginIsolationFilter",
    urlPatterns = {"/lesson.xhtml", "/static/js/*", "/pyodide/*", "/pyodide-packages/*"},
    asyncSupported = true)
public class CrossOriginIsolationFilter extends HttpFilter {
  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (path.startsWith("/pyodide/") || path.startsWith("/pyodide-packages/")) {
      if (path.startsWith("/pyodide/") && isVersioned(path)) {
        res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      }
      res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    } else {
      res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
      if (path.startsWith("/static/")) {
        res.setHeader("Cache-Control", "no-cache");
      }
    }
    chain.doFilter(req, res);
  }

  /** Whether the path is under a version folder such as {@code /pyodide/314.0.7/}. */
  static boolean isVersioned(String path) {
    String rest = path.substring("/pyodide/".length());
    int slash = rest.indexOf('/');
    return slash > 0 && rest.substring(0, slash).matches("\\d+(\\.\\d+)*") && slash < rest.length() - 1;
  }
}

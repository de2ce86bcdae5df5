package org.runlab.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import org.runlab.engine.selection.BrowserPackages;
import org.runlab.platform.AppConfig;

/**
 * Adds security headers to every response: a Content-Security-Policy that allows only this origin
 * (PrimeFaces still needs inline scripts; WebAssembly needs 'wasm-unsafe-eval' for Pyodide), no
 * framing by other sites, no MIME sniffing and a strict referrer policy. When the browser loads
 * Pyodide packages from another origin ({@code runlab.pyodide.package-base-url}), the worker may
 * fetch from that origin too.
 */
@WebFilter(filterName = "SecurityHeadersFilter", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {
  static final String CSP =
      "default-src 'self'; "
          + "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'; "
          + "style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data: blob:; "
          + "font-src 'self' data:; "
          + "connect-src 'self'; "
          + "worker-src 'self' blob:; "
          + "object-src 'none'; "
          + "base-uri 'self'; "
          + "form-action 'self'; "
          + "frame-ancestors 'none'";

  private static final long serialVersionUID = 1L;

  @Inject private transient AppConfig config;
  private String csp;

  @Override
  public void init() {
    csp = policy(BrowserPackages.from(config.get()).baseUrl());
  }

  /** The policy, letting the worker fetch from the package base URL's origin when it is another site. */
  static String policy(String packageBaseUrl) {
    if (!packageBaseUrl.matches("(?i)https?://.*")) {
      return CSP;
    }
    URI u = URI.create(packageBaseUrl);
    String origin = u.getScheme() + "://" + u.getRawAuthority();
    return CSP.replace("connect-src 'self';", "connect-src 'self' " + origin + ";");
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    res.setHeader("Content-Security-Policy", csp == null ? CSP : csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    chain.doFilter(req, res);
  }
}

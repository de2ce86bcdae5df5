package org.runlab.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.runlab.account.IdentityService;

/** Gives a visitor their signed anonymous identity cookie on the first page they open. */
@WebFilter(filterName = "VisitorFilter", urlPatterns = {"*.xhtml", ""})
public class VisitorFilter extends HttpFilter {
  @Inject private IdentityService identities;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getRemoteUser() == null) {
      identities.identify(req, res);
    }
    chain.doFilter(req, res);
  }
}

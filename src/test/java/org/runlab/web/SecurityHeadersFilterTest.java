package org.runlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {
  @Test
  void packagesFromAnotherOriginMayBeFetchedFromThatOriginOnly() {
    assertThat(SecurityHeadersFilter.policy("https://mirror.example:8443/pyodide/full/"))
        .contains("connect-src 'self' https://mirror.example:8443;");
  }

  @Test
  void packagesOnThisSiteLeaveThePolicyAsItIs() {
    assertThat(SecurityHeadersFilter.policy("")).isEqualTo(SecurityHeadersFilter.CSP);
    assertThat(SecurityHeadersFilter.policy("/pyodide-packages/")).isEqualTo(SecurityHeadersFilter.CSP);
  }

  @Test
  void theMirrorServletNamesWheelsAndLockFilesByType() {
    assertThat(PyodidePackagesServlet.contentType("numpy-2.4.6-cp314.whl")).isEqualTo("application/octet-stream");
    assertThat(PyodidePackagesServlet.contentType("pyodide-lock.json")).isEqualTo("application/json");
  }
}

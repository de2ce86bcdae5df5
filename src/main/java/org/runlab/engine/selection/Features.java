package org.runlab.engine.selection;

import java.util.Map;

/** Which imported modules mean which {@link Feature}. */
final class Features {
  private static final Map<String, Feature> BY_MODULE = Map.ofEntries(
      Map.entry("threading", Feature.THREADS),
      Map.entry("_thread", Feature.THREADS),
      Map.entry("concurrent.futures", Feature.THREADS),
      Map.entry("multiprocessing", Feature.MULTIPROCESSING),
      Map.entry("subprocess", Feature.SUBPROCESS),
      Map.entry("pty", Feature.SUBPROCESS),
      Map.entry("socket", Feature.SOCKETS),
      Map.entry("socketserver", Feature.SOCKETS),
      Map.entry("ssl", Feature.SOCKETS),
      Map.entry("select", Feature.SOCKETS),
      Map.entry("selectors", Feature.SOCKETS),
      Map.entry("http.server", Feature.SOCKETS),
      Map.entry("xmlrpc.server", Feature.SOCKETS),
      Map.entry("wsgiref.simple_server", Feature.SOCKETS),
      Map.entry("urllib.request", Feature.HTTP_CLIENT),
      Map.entry("http.client", Feature.HTTP_CLIENT),
      Map.entry("xmlrpc.client", Feature.HTTP_CLIENT),
      Map.entry("ftplib", Feature.HTTP_CLIENT),
      Map.entry("smtplib", Feature.HTTP_CLIENT),
      Map.entry("poplib", Feature.HTTP_CLIENT),
      Map.entry("imaplib", Feature.HTTP_CLIENT),
      Map.entry("telnetlib", Feature.HTTP_CLIENT),
      Map.entry("nntplib", Feature.HTTP_CLIENT),
      Map.entry("requests", Feature.HTTP_CLIENT),
      Map.entry("httpx", Feature.HTTP_CLIENT),
      Map.entry("aiohttp", Feature.HTTP_CLIENT),
      Map.entry("urllib3", Feature.HTTP_CLIENT),
      Map.entry("websocket", Feature.HTTP_CLIENT),
      Map.entry("websockets", Feature.HTTP_CLIENT),
      Map.entry("pycurl", Feature.HTTP_CLIENT),
      Map.entry("ctypes", Feature.CTYPES),
      Map.entry("cffi", Feature.CTYPES));

  private Features() {}

  /** The feature importing {@code module} (or one of its parent packages) implies, or null. */
  static Feature ofModule(String module) {
    String m = module;
    while (true) {
      Feature f = BY_MODULE.get(m);
      if (f != null) {
        return f;
      }
      int dot = m.lastIndexOf('.');
      if (dot < 0) {
        return null;
      }
      m = m.substring(0, dot);
    }
  }
}

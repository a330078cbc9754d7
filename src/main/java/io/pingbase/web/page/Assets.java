package io.pingbase.web.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * URLs of PingBase's own assets ({@code src/main/resources/public}) and of the webjars it ships
 * (htmx, its SSE extension, uPlot), served by PingBase itself: the UI works in a network without
 * internet. Own assets carry a hash of their content ({@code /assets/app.css?v=3f2a...}), so
 * browsers may cache every asset for a year and still see a new version at once.
 */
public final class Assets {
  public static final String HTMX = "/assets/webjars/htmx.org/2.0.8/dist/htmx.min.js";
  public static final String HTMX_SSE = "/assets/webjars/htmx-ext-sse/2.2.2/sse.js";
  public static final String UPLOT_JS = "/assets/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
  public static final String UPLOT_CSS = "/assets/webjars/uplot/1.6.30/dist/uPlot.min.css";

  private static final Map<String, String> VERSIONED = new ConcurrentHashMap<>();

  private Assets() {}

  /** {@code /assets/<name>?v=<hash of its content>} for a file of {@code /public} on the classpath. */
  public static String own(String name) {
    return VERSIONED.computeIfAbsent(name, n -> "/assets/" + n + "?v=" + hash("/public/" + n));
  }

  private static String hash(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing asset " + resource);
      }
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

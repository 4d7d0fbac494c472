package dev.baton.mcphttp;

import dev.baton.connect.BatonMcpServer;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import dev.baton.core.text.Visible;
import dev.baton.server.Problems;
import dev.baton.server.auth.ApiKeys;
import dev.baton.server.auth.RateLimits;
import dev.baton.server.auth.Role;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servlet at {@code /mcp}: checks the {@code Origin}, then the API key, then hands the request
 * to the SDK's Streamable HTTP transport with the caller (tenant, role, key) for the tools. It sits
 * beside Javalin's servlet, so the server's own filters do not run for it: this class does what
 * they would (a key in a header, never in the URL; a problem document on refusal).
 *
 * <p>A session belongs to the key that opened it: a request with another key's
 * {@code Mcp-Session-Id} is answered as if the session did not exist.
 */
final class McpEndpoint extends HttpServlet {
  private static final String CALLER = "baton.mcp.caller";
  private static final String KEY = "baton.mcp.key";
  private static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final List<String> KEY_PARAMETERS = List.of("api_key", "apikey", "key", "token",
      "access_token");

  private final HttpServlet transport;
  private final ApiKeys keys;
  private final Origins origins;
  private final RateLimits limits;
  /** Session id → the id of the key that opened it. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  McpEndpoint(HttpServlet transport, ApiKeys keys, Origins origins, RateLimits limits) {
    this.limits = limits;
    this.transport = transport;
    this.keys = keys;
    this.origins = origins;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    try {
      String origin = req.getHeader("Origin");
      if (origin != null && !origins.allowed(origin, req.getLocalPort())) {
        throw BatonException.of(ErrorCode.AUTH_FORBIDDEN, "requests from the origin '"
            + Visible.shorten(origin, 100) + "' are not allowed (allow it"
            + " with " + McpHttpExtension.ORIGINS_VARIABLE + ")");
      }
      for (String name : queryNames(req.getQueryString())) {
        if (KEY_PARAMETERS.contains(name)) {
          throw BatonException.of(ErrorCode.REQUEST_INVALID, "keys are never accepted in URLs;"
              + " send 'Authorization: Bearer <key>' and revoke the key that was sent");
        }
      }
      ApiKeys.KeyInfo key = key(req);
      limits.take(key.id());
      String session = req.getHeader(SESSION_HEADER);
      if (session != null) {
        String owner = owners.get(session);
        if (owner != null && !owner.equals(key.id())) {
          // why: the SDK answers an unknown session with 404; another key's session is unknown
          throw BatonException.of(ErrorCode.NOT_FOUND, "no MCP session '"
              + Visible.shorten(session, 80) + "'");
        }
      }
      req.setAttribute(KEY, key);
      req.setAttribute(CALLER, new BatonMcpServer.Caller(key.tenant(), "key " + (key.name() == null
          || key.name().isBlank() ? key.id() : key.name()), key.role().allows(Role.OPERATOR),
          key.role().allows(Role.APPROVER)));
      transport.service(req, resp);
      String opened = resp.getHeader(SESSION_HEADER);
      if (opened != null && session == null) {
        owners.putIfAbsent(opened, key.id());
      }
      // why: the SDK ends idle sessions itself; a session it no longer knows is forgotten here
      if (session != null && (resp.getStatus() == 404
          || "DELETE".equals(req.getMethod()) && resp.getStatus() < 300)) {
        owners.remove(session);
      }
    } catch (BatonException e) {
      refuse(req, resp, e);
    }
  }

  /** The query's parameter names, lower case (read without touching the body). */
  private static List<String> queryNames(String query) {
    if (query == null || query.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(query.split("&"))
        .map(p -> URLDecoder.decode(p.split("=", 2)[0], StandardCharsets.UTF_8)
            .toLowerCase(Locale.ROOT))
        .toList();
  }

  private ApiKeys.KeyInfo key(HttpServletRequest req) {
    String header = req.getHeader("Authorization");
    if (header == null) {
      throw BatonException.of(ErrorCode.AUTH_REQUIRED,
          "this needs an API key: send 'Authorization: Bearer <key>'");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw BatonException.of(ErrorCode.AUTH_REQUIRED, "send the key as 'Authorization: Bearer"
          + " <key>'");
    }
    return keys.verify(header.substring(7).trim()).orElseThrow(() -> BatonException.of(
        ErrorCode.AUTH_REQUIRED, "the API key is wrong, unknown or revoked"));
  }

  private static void refuse(HttpServletRequest req, HttpServletResponse resp, BatonException e)
      throws IOException {
    if (resp.isCommitted()) {
      return;
    }
    resp.reset();
    if (e.code() == ErrorCode.AUTH_REQUIRED) {
      resp.setHeader("WWW-Authenticate", "Bearer");
    }
    e.retryAfter().ifPresent(d -> resp.setHeader("Retry-After",
        String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000))));
    resp.setStatus(Problems.status(e.code()));
    resp.setContentType(Problems.CONTENT_TYPE);
    resp.getOutputStream().write(Json.write(Problems.document(e, req.getRequestURI()))
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The SDK's context extractor: what {@link #caller} reads back in a tool call. */
  static McpTransportContext transportContext(HttpServletRequest req) {
    Object caller = req.getAttribute(CALLER);
    return caller == null ? McpTransportContext.EMPTY
        : McpTransportContext.create(Map.of(CALLER, caller));
  }

  /** The caller of a tool call, or null when the request carried none (never past this servlet). */
  static BatonMcpServer.Caller caller(McpTransportContext context) {
    return context == null ? null : (BatonMcpServer.Caller) context.get(CALLER);
  }
}

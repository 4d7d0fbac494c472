package dev.baton.mcphttp;

import dev.baton.connect.BatonMcpServer;
import dev.baton.server.ServerContext;
import dev.baton.server.ServerExtension;
import dev.baton.server.auth.RateLimits;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Baton's MCP server (the tools of {@code baton mcp}) over Streamable HTTP at {@value #PATH} of
 * {@code baton serve}. Each request needs an API key ({@code Authorization: Bearer}, as for the
 * REST API); the key's tenant scopes what the tools see and its role what they may do; a
 * browser's {@code Origin} that is not allowed is refused (see {@link McpEndpoint}). A key's
 * requests to {@code /mcp} are limited per minute like its API requests (counted apart).
 *
 * <p>Allowed origins besides this server's own loopback ones ({@code http://127.0.0.1:PORT},
 * {@code http://localhost:PORT}, {@code http://[::1]:PORT}): the comma-separated list in the
 * environment variable {@value #ORIGINS_VARIABLE}, such as {@code https://assistant.example.com}.
 */
public final class McpHttpExtension implements ServerExtension {
  /** Where the endpoint is mounted. */
  public static final String PATH = "/mcp";
  /** Origins allowed besides the server's own loopback ones, comma-separated. */
  public static final String ORIGINS_VARIABLE = "BATON_MCP_ALLOWED_ORIGINS";

  private final List<String> extraOrigins;
  private HttpServletStreamableServerTransportProvider transport;
  private BatonMcpServer server;

  /** As found by {@link java.util.ServiceLoader}: extra origins from the environment. */
  public McpHttpExtension() {
    this(origins(System.getenv(ORIGINS_VARIABLE)));
  }

  /** With these origins allowed besides the server's own loopback ones. */
  public McpHttpExtension(List<String> extraOrigins) {
    this.extraOrigins = List.copyOf(extraOrigins);
  }

  static List<String> origins(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  @Override
  public String name() {
    return "mcp-http";
  }

  @Override
  public void configure(JavalinConfig config, ServerContext context) {
    transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(McpJsonDefaults.getMapper()).mcpEndpoint(PATH)
        .maxRequestSize((int) Math.min(Integer.MAX_VALUE, context.options().maxBodyBytes()))
        .contextExtractor(McpEndpoint::transportContext).build();
    server = new BatonMcpServer(transport, context.app()::plan, context.app()::engine,
        context.app()::store, McpEndpoint::caller, "0.1.0");
    McpEndpoint endpoint = new McpEndpoint(transport, context.keys(),
        new Origins(extraOrigins), new RateLimits(context.options().requestsPerMinute()));
    config.jetty.modifyServletContextHandler(handler -> {
      ServletHolder holder = new ServletHolder("baton-mcp", endpoint);
      // why: the transport answers with server-sent events on an asynchronous request
      holder.setAsyncSupported(true);
      handler.addServlet(holder, PATH);
    });
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}

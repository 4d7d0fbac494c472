package dev.baton.connect;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An MCP server over Streamable HTTP (the SDK's servlet in Jetty 12) on 127.0.0.1 with
 * {@link TestMcpTools}; its {@code crash} tool stops the whole server in the middle of the call.
 * Records the {@code Authorization} header of each request.
 */
final class HttpTestServer implements AutoCloseable {
  private final Server jetty;
  private final McpSyncServer mcp;
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  HttpTestServer(int port) throws Exception {
    this(port, null);
  }

  /** @param only these tools instead of {@link TestMcpTools} (null for those) */
  HttpTestServer(int port,
      List<io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification> only)
      throws Exception {
    jetty = new Server(new InetSocketAddress("127.0.0.1", port));
    var transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(McpJsonDefaults.getMapper()).mcpEndpoint("/mcp").build();
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp)
          throws ServletException, IOException {
        String auth = req.getHeader("Authorization");
        if (auth != null) {
          authorizations.add(auth);
        }
        transport.service(req, resp);
      }
    }), "/mcp");
    jetty.setHandler(context);
    TestMcpTools tools = new TestMcpTools(() -> Thread.ofPlatform().start(() -> {
      try {
        jetty.stop();
      } catch (Exception e) {
        // why: a crash that fails to crash is seen by the test waiting for it
      }
    }));
    jetty.start();
    mcp = McpServer.sync(transport).serverInfo("baton-test-http", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .jsonSchemaValidator(TestMcpTools.lenient())
        .tools(only != null ? only : tools.all()).build();
    tools.serving(mcp);
  }

  int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/mcp";
  }

  boolean running() {
    return jetty.isRunning();
  }

  @Override
  public void close() throws Exception {
    try {
      mcp.close();
    } finally {
      jetty.stop();
    }
  }
}

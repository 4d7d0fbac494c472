package dev.baton.connect;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;

/**
 * The SDK's stdio transport with a child process that inherits nothing of Baton's environment:
 * only what the server's parameters carry ({@link McpServer#environment}).
 * Its error output is dropped, but for the last line, kept to explain a failure to start.
 */
final class IsolatedStdioTransport extends StdioClientTransport {
  private volatile String lastErrorLine = "";

  IsolatedStdioTransport(ServerParameters params, McpJsonMapper json) {
    super(params, json);
    setStdErrorHandler(line -> lastErrorLine = line);
  }

  @Override
  protected ProcessBuilder getProcessBuilder() {
    ProcessBuilder builder = super.getProcessBuilder();
    // why: the transport adds the parameters' variables after this; what a ProcessBuilder
    // inherits (Baton's keys, tenants' secrets) must not reach a server
    builder.environment().clear();
    return builder;
  }

  String lastErrorLine() {
    return lastErrorLine;
  }
}

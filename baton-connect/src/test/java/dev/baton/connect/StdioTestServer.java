package dev.baton.connect;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An MCP server over stdio in a JVM of its own, with {@link TestMcpTools}. Its one argument, if
 * given, is a file where it copies every byte it reads (to see what Baton sent, a cancellation).
 */
public final class StdioTestServer {
  private StdioTestServer() {}

  public static void main(String[] args) throws Exception {
    InputStream in = System.in;
    if (args.length > 0) {
      OutputStream copy = new FileOutputStream(args[0], true);
      in = new FilterInputStream(System.in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            copy.write(b);
            copy.flush();
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = super.read(buf, off, len);
          if (n > 0) {
            copy.write(buf, off, n);
            copy.flush();
          }
          return n;
        }
      };
    }
    TestMcpTools tools = new TestMcpTools(() -> Runtime.getRuntime().halt(3));
    McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(
            McpJsonDefaults.getMapper(), in, System.out))
        .serverInfo("baton-test-stdio", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .jsonSchemaValidator(TestMcpTools.lenient())
        .tools(tools.all())
        .build();
    tools.serving(server);
    Thread.currentThread().join();
  }
}

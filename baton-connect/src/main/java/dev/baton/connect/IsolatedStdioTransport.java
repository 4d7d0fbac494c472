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

  /**
   * Waits for the process to exit; false if it was not started within {@code startWithin} (the
   * transport starts it when the client connects).
   */
  boolean awaitExit(java.time.Duration startWithin) {
    long deadline = System.nanoTime() + startWithin.toNanos();
    while (true) {
      try {
        awaitForExit();
        return true;
      } catch (NullPointerException notStartedYet) {
        // why: the SDK keeps the process in a field set when it starts; no other way to see it
        if (System.nanoTime() > deadline) {
          return false;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return false;
        }
      } catch (RuntimeException interrupted) {
        return false;
      }
    }
  }

  String lastErrorLine() {
    return lastErrorLine;
  }

  /**
   * The last line the process wrote to its error output, after it exited: waits up to half a
   * second for the SDK's reader of that output to catch up.
   */
  String lastWords() {
    for (int i = 0; i < 25 && lastErrorLine.isBlank(); i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return lastErrorLine;
  }
}

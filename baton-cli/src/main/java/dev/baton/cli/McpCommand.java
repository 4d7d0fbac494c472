package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.connect.BatonMcpServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code baton mcp}: Baton as an MCP server over standard input and output, for an MCP-capable
 * assistant: plan, run, follow, and list and answer what waits for a person. Executions run in
 * this process while it serves; it ends when its input closes.
 */
@Command(name = "mcp", description = "Serve Baton to an MCP client over standard input and"
    + " output (plan, run, follow, approvals and questions).")
final class McpCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Override
  public Integer call() throws Exception {
    PrintStream protocol = System.out;
    // why: standard output carries the protocol; a stray line printed there would break it
    System.setOut(System.err);
    CountDownLatch ended = new CountDownLatch(1);
    InputStream in = new FilterInputStream(System.in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          ended.countDown();
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
          ended.countDown();
        }
        return n;
      }
    };
    try (BatonApp app = main.openToFollow();
        BatonMcpServer server = BatonMcpServer.stdio(in, protocol, app::plan, app::engine,
            app::store, app.config().tenant(), "0.1.0")) {
      ended.await();
      return ExitCodes.OK;
    }
  }
}

package dev.baton.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real Radicale CalDAV/CardDAV server for tests, on 127.0.0.1 at a free port with its storage in
 * a temp folder; no authentication (any user name is accepted), each user owns /user/.
 * Install with {@code apt-get install -y radicale} (scripts/install-test-deps.sh does).
 */
public final class Radicale implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path folder;

  private Radicale(Process process, int port, Path folder) {
    this.process = process;
    this.port = port;
    this.folder = folder;
  }

  public static Radicale start() throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/radicale");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("Radicale is not installed: run scripts/install-test-deps.sh"
          + " (apt-get install -y radicale)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path folder = Files.createTempDirectory("radicale");
    Path config = folder.resolve("config");
    Files.writeString(config, """
        [server]
        hosts = 127.0.0.1:%d
        [auth]
        type = none
        [rights]
        type = owner_only
        [storage]
        filesystem_folder = %s
        [logging]
        level = warning
        """.formatted(port, folder.resolve("collections")));
    Process p = new ProcessBuilder(binary.toString(), "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(folder.resolve("radicale.log").toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new Radicale(p, port, folder);
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("Radicale exited: "
              + Files.readString(folder.resolve("radicale.log")));
        }
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("Radicale did not answer on port " + port);
  }

  /** A collection URL owned by {@code user}, e.g. {@code url("alice", "calendar")}. */
  public URI url(String user, String collection) {
    return URI.create("http://127.0.0.1:" + port + "/" + user + "/" + collection + "/");
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (var walk = Files.walk(folder)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

package dev.baton.dashboard;

import dev.baton.app.BatonApp;
import dev.baton.app.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/** Runs the dashboard on a data folder for a person to look at: DevServer HOME [PORT]. */
public final class DevServer {
  public static void main(String[] args) throws Exception {
    var config = ConfigLoader.load(Path.of(args[0]), System.getenv(), Map.of());
    BatonApp app = BatonApp.open(config);
    var server = DashboardServer.start(app, new Dashboard(app), "127.0.0.1",
        args.length > 1 ? Integer.parseInt(args[1]) : 0);
    System.out.println(server.dashboard().loginLink(server.base(),
        server.dashboard().localAdmin()));
    Thread.currentThread().join();
  }
}

package dev.baton.planner;

import dev.baton.core.planning.PlanContext;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.tools.AgentsConfig;
import dev.baton.tools.BuiltInAgents;
import dev.baton.tools.workspace.DemoWorkspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** The demo workspace and the real built-in tools on it, on a fixed day: Tuesday 20 January 2026. */
public final class DemoCatalog {
  public static final LocalDate TODAY = LocalDate.of(2026, 1, 20);
  public static final ZoneId ZONE = ZoneId.of("Asia/Jerusalem");
  public static final Clock CLOCK = Clock.fixed(TODAY.atTime(LocalTime.of(8, 30)).atZone(ZONE)
      .toInstant(), ZONE);

  private DemoCatalog() {}

  /** Writes the demo workspace into {@code folder} and returns the built-in tools on it. */
  public static ToolCatalog create(Path folder) {
    DemoWorkspace.create(folder, TODAY);
    return ToolCatalog.of(BuiltInAgents.tools(AgentsConfig.embedded(folder).withClock(CLOCK)));
  }

  public static PlanContext context() {
    return new PlanContext(CLOCK.instant(), ZONE, null, List.of());
  }
}

package dev.baton.planner.corpus;

import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolCatalog;
import dev.baton.planner.DemoCatalog;
import dev.baton.planner.OfflinePlanner;
import dev.baton.planner.PlanTree;
import java.nio.file.Files;

/** Plans each argument on the demo workspace and prints the plan with its reasons (for tuning). */
public final class PlanOne {
  private PlanOne() {}

  public static void main(String[] args) throws Exception {
    ToolCatalog catalog = DemoCatalog.create(Files.createTempDirectory("baton-plan-one"));
    for (String request : args) {
      try {
        System.out.println(PlanTree.render(new OfflinePlanner().plan(request, catalog,
            DemoCatalog.context()), null));
      } catch (BatonException e) {
        System.out.println(e.code() + ": " + e.getMessage());
      }
    }
  }
}

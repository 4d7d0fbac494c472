package dev.baton.tools.files;

import dev.baton.core.tool.ToolContext;
import dev.baton.core.tool.ToolOptions;
import dev.baton.core.tool.TypedTool;
import java.util.List;
import java.util.Optional;

/** {@code files.list}: the files and folders in a workspace folder. */
public final class ListFilesTool extends TypedTool<ListFilesTool.Input, ListFilesTool.Output> {
  private final Drive drive;

  public ListFilesTool(Drive drive) {
    super("files.list", "Lists files and folders in a workspace folder.", Input.class,
        Output.class, ToolOptions.readOnly().build());
    this.drive = drive;
  }

  /**
   * @param folder workspace-relative folder; the top if absent
   * @param recursive include everything below; false if absent
   */
  public record Input(Optional<String> folder, Optional<Boolean> recursive) {}

  /** The entries, sorted by path. */
  public record Output(List<Drive.Entry> entries) {}

  @Override
  protected Output run(Input in, ToolContext ctx) {
    return new Output(drive.list(in.folder().orElse(""), in.recursive().orElse(false)));
  }
}

package dev.baton.tools.workspace;

import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The folder the agents work in. Every path a tool receives is relative to it and must stay inside
 * it: absolute paths, {@code ..} segments and symbolic links that lead outside are refused with a
 * permanent {@link BatonException}, never silently corrected.
 */
public final class Workspace {
  private final Path root;

  /** Opens (and creates if missing) the workspace folder. */
  public Workspace(Path folder) {
    try {
      Files.createDirectories(folder);
      this.root = folder.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open workspace " + folder, e);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The absolute path for a workspace-relative one; empty or {@code "."} is the root itself.
   *
   * @throws BatonException TOOL_FAILED (permanent) when the path is absolute, contains {@code ..}
   *     or reaches outside the workspace through a symbolic link
   */
  public Path resolve(String relative) {
    String text = relative == null ? "" : relative.strip();
    if (text.isEmpty() || text.equals(".")) {
      return root;
    }
    if (text.startsWith("/") || text.startsWith("\\") || text.matches("^[A-Za-z]:.*")
        || text.indexOf('\0') >= 0) {
      throw refused(text, "absolute paths are not allowed; give a path inside the workspace");
    }
    Path path;
    try {
      path = Path.of(text.replace('\\', '/'));
    } catch (InvalidPathException e) {
      throw refused(text, "not a valid path: " + e.getReason());
    }
    for (Path part : path) {
      if (part.toString().equals("..")) {
        throw refused(text, "'..' is not allowed; paths stay inside the workspace");
      }
    }
    Path full = root.resolve(path).normalize();
    if (!full.startsWith(root)) {
      throw refused(text, "the path leads outside the workspace");
    }
    Path existing = full;
    while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    try {
      // why: a symbolic link inside the workspace may point anywhere; judge where it really leads
      if (!existing.toRealPath().startsWith(root)) {
        throw refused(text, "a symbolic link leads outside the workspace");
      }
    } catch (IOException e) {
      throw refused(text, "a broken symbolic link is in the way");
    }
    return full;
  }

  /** The workspace-relative form of an absolute path inside it, with '/' separators. */
  public String relative(Path absolute) {
    return root.relativize(absolute).toString().replace('\\', '/');
  }

  private static BatonException refused(String path, String why) {
    return ToolFailure.permanent("path '" + path + "' refused: " + why);
  }
}

package dev.baton.model.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a prompt's fenced data blocks, to check what sits inside them and what outside. */
public final class Fences {
  private static final Pattern BLOCK = Pattern.compile(
      "<<<DATA id=([0-9a-f]+)>>>\\n(.*?)\\n<<<END DATA id=\\1>>>", Pattern.DOTALL);

  private Fences() {}

  /** The contents of every fenced block, in order. */
  public static List<String> blocks(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      found.add(m.group(2));
    }
    return found;
  }

  /** The text with every fenced block cut out. */
  public static String outside(String text) {
    return BLOCK.matcher(text).replaceAll("");
  }
}

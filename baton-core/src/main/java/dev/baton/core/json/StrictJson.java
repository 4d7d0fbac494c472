package dev.baton.core.json;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.Problem;
import dev.baton.core.text.Visible;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON a person or a program handed Baton (plans, edited arguments) strictly, and says what
 * is wrong in Baton's words with the line and column (or JSON pointer) where it is: bytes that are
 * not UTF-8, a key that appears twice in one object (one value could hide from a reviewer),
 * nesting deeper than {@link #MAX_DEPTH}, numbers that no tool can take (infinite, or whole numbers
 * beyond a 64-bit {@code long}), text after the value. A leading byte-order mark is allowed and
 * dropped. Thread-safe.
 */
public final class StrictJson {
  /** How deep objects and arrays may nest; plans need a handful of levels. */
  public static final int MAX_DEPTH = 64;
  /** How many characters of a number are read at most. */
  public static final int MAX_NUMBER_LENGTH = 400;

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
              .maxNumberLength(MAX_NUMBER_LENGTH).build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private StrictJson() {}

  /**
   * Parses UTF-8 bytes (a leading byte-order mark allowed).
   *
   * @param what names the input in the message, e.g. "The plan"
   * @throws BatonException {@code code} with one located problem
   */
  public static JsonNode parse(byte[] bytes, ErrorCode code, String what) {
    return parse(utf8(bytes, code, what), code, what);
  }

  /**
   * Parses text (a leading byte-order mark allowed).
   *
   * @throws BatonException {@code code} with every problem, each located
   */
  public static JsonNode parse(String text, ErrorCode code, String what) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.isBlank()) {
      throw BatonException.invalid(code, what + " is not valid JSON:",
          List.of(new Problem("line 1, column 1", "it is empty")));
    }
    JsonNode tree;
    try {
      tree = STRICT.readTree(body);
    } catch (JacksonException e) {
      Problem p = problem(e, body);
      throw BatonException.builder(code, what + " is not valid JSON:" + System.lineSeparator()
              + "  - " + p).problems(List.of(p)).cause(e).build();
    }
    List<Problem> problems = numberProblems(tree);
    if (!problems.isEmpty()) {
      throw BatonException.invalid(code, what + " has numbers out of range:", problems);
    }
    return tree;
  }

  /**
   * Numbers in a tree that no tool can take: not finite ({@code 1e999}), or whole numbers beyond
   * a 64-bit {@code long}; each located by its JSON pointer.
   */
  public static List<Problem> numberProblems(JsonNode tree) {
    List<Problem> out = new ArrayList<>();
    walk(tree, "", out, 0);
    return out;
  }

  private static void walk(JsonNode node, String at, List<Problem> out, int depth) {
    if (node == null) {
      return;
    }
    if (depth > MAX_DEPTH) {
      out.add(new Problem(at, "nested deeper than " + MAX_DEPTH + " levels"));
      return;
    }
    if (node.isNumber()) {
      if (node.isFloatingPointNumber() && !node.isBigDecimal()
          && !Double.isFinite(node.doubleValue())) {
        out.add(new Problem(at.isEmpty() ? "/" : at, "the number is too large to represent"
            + " (it would be infinite)"));
      } else if (node.isBigDecimal() && node.decimalValue().abs().compareTo(
          java.math.BigDecimal.valueOf(Double.MAX_VALUE)) > 0) {
        out.add(new Problem(at.isEmpty() ? "/" : at, "the number is too large to represent"));
      } else if (node.isBigInteger() && (node.bigIntegerValue().compareTo(LONG_MIN) < 0
          || node.bigIntegerValue().compareTo(LONG_MAX) > 0)) {
        out.add(new Problem(at.isEmpty() ? "/" : at, "the whole number "
            + Visible.shorten(node.bigIntegerValue().toString(), 30)
            + " is beyond the 64-bit range (±9223372036854775807)"));
      }
      return;
    }
    if (node.isObject()) {
      for (var e : node.properties()) {
        walk(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out,
            depth + 1);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, out, depth + 1);
      }
    }
  }

  /** The parser's complaint in Baton's words, at its line and column. */
  private static Problem problem(JacksonException e, String body) {
    TokenStreamLocation loc = e.getLocation();
    String where = loc == null || loc.getLineNr() < 1 ? "the end"
        : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    if (e instanceof StreamConstraintsException && (loc == null || loc.getLineNr() < 1)) {
      where = tooDeepAt(body);
    }
    String raw = String.valueOf(e.getOriginalMessage());
    String said;
    if (e instanceof StreamConstraintsException) {
      said = raw.contains("epth") ? "nested deeper than " + MAX_DEPTH + " levels"
          : raw.contains("umber") ? "a number longer than " + MAX_NUMBER_LENGTH + " characters"
          : "too large: " + Visible.shorten(raw, 120);
    } else if (raw.startsWith("Duplicate Object property") || raw.startsWith("Duplicate field")) {
      String name = raw.replaceAll("(?s)^[^\"]*\"(.*)\".*$", "$1");
      said = "the key \"" + Visible.shorten(name, 60) + "\" appears twice in one object; each key"
          + " may appear once (a reviewer could see one value while the step runs with the other)";
    } else if (raw.contains("end-of-input")) {
      said = "the text ends before the JSON does (an object, array or string is not closed)";
    } else if (raw.startsWith("Trailing token")) {
      said = "more text follows the JSON value";
    } else if (raw.startsWith("Unexpected character")) {
      said = "unexpected character " + raw.replaceAll("(?s)^Unexpected character \\((.*?)\\)"
          + "(?: \\(code \\d+\\))?.*?(?::(.*))?$", "$1") + "; "
          + raw.replaceAll("(?s)^.*?\\)\\)?:? ?", "").replaceAll("\\s+", " ");
    } else {
      said = Visible.shorten(raw.replaceAll("\\s+", " "), 200);
    }
    return new Problem(where, said);
  }

  /** Where nesting first goes deeper than {@link #MAX_DEPTH}, as "line L, column C". */
  private static String tooDeepAt(String text) {
    int depth = 0;
    int line = 1;
    int lineStart = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '\n' -> {
          line++;
          lineStart = i + 1;
        }
        case '[', '{' -> {
          if (++depth > MAX_DEPTH) {
            return "line " + line + ", column " + (text.codePointCount(lineStart, i) + 1);
          }
        }
        case ']', '}' -> depth--;
        default -> { }
      }
    }
    return "the end";
  }

  /**
   * Decodes strict UTF-8, dropping a leading byte-order mark; a malformed byte is reported with
   * its line, column and byte offset.
   */
  static String utf8(byte[] bytes, ErrorCode code, String what) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      int offset = in.position();
      out.flip();
      String before = out.toString();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < before.length(); i++) {
        if (before.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      int column = before.codePointCount(lineStart, before.length()) + 1;
      String bad = String.format(java.util.Locale.ROOT, "0x%02X", bytes[offset] & 0xFF);
      Problem p = new Problem("line " + line + ", column " + column + " (byte " + offset + ")",
          "the byte " + bad + " is not UTF-8; save the file as UTF-8");
      throw BatonException.invalid(code, what + " is not valid UTF-8:", List.of(p));
    }
    try {
      decoder.flush(out);
    } catch (RuntimeException e) {
      throw BatonException.of(code, what + " is not valid UTF-8", e);
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}

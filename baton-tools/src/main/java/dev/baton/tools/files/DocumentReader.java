package dev.baton.tools.files;

import dev.baton.core.error.BatonException;
import dev.baton.core.tool.ToolFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts plain text from documents: UTF-8 text formats directly, everything else (.docx, .pdf,
 * .doc, .pptx, .xlsx, .html, ...) through Apache Tika. Thread-safe.
 */
public final class DocumentReader {
  /** File extensions the files agent reads and indexes. */
  public static final Set<String> READABLE = Set.of("md", "markdown", "txt", "text", "csv",
      "docx", "doc", "pdf", "html", "htm", "pptx", "xlsx", "xls", "ppt");
  /** What Tika must detect for a file of each binary extension; anything else is corrupt. */
  private static final Map<String, String> EXPECTED_TYPE = Map.of(
      "docx", "wordprocessingml", "pptx", "presentationml", "xlsx", "spreadsheetml",
      "pdf", "application/pdf", "doc", "msword", "xls", "ms-excel", "ppt", "ms-powerpoint");
  private static final Set<String> PLAIN = Set.of("md", "markdown", "txt", "text", "csv");
  static final int MAX_CHARS = 5_000_000;

  /** Built on first use: its set-up costs far more than reading a workspace of plain text. */
  private static final class Tika {
    static final AutoDetectParser PARSER = new AutoDetectParser();
  }

  /** Text and the creation time the document itself states, if any. */
  public record Extracted(String text, Optional<Instant> created) {}

  public static boolean readable(Path file) {
    return READABLE.contains(extension(file));
  }

  public static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** Opens a document's bytes; the caller closes the stream. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  /**
   * @throws BatonException TOOL_FAILED (permanent) when the file cannot be read or is corrupt
   */
  public Extracted read(Path file) {
    return read(file, () -> Files.newInputStream(file));
  }

  /**
   * Reads a document from {@code source}; {@code file} only names it (its extension says the
   * format). Tools pass a source from the workspace, which never follows a link.
   *
   * @throws BatonException TOOL_FAILED (permanent) when the file cannot be read or is corrupt
   */
  public Extracted read(Path file, Source source) {
    try {
      if (PLAIN.contains(extension(file))) {
        // why: .md/.txt are UTF-8 nearly always; Tika (detection, charset guessing) only if not
        byte[] bytes;
        try (InputStream in = source.open()) {
          bytes = in.readAllBytes();
        }
        Optional<String> utf8 = utf8(bytes);
        if (utf8.isPresent()) {
          return new Extracted(utf8.get(), Optional.empty());
        }
      }
      Metadata metadata = new Metadata();
      BodyContentHandler handler = new BodyContentHandler(MAX_CHARS);
      try (InputStream in = source.open()) {
        Tika.PARSER.parse(in, handler, metadata, new ParseContext());
      }
      String type = String.valueOf(metadata.get(Metadata.CONTENT_TYPE));
      String expected = EXPECTED_TYPE.get(extension(file));
      if (expected != null && !type.contains(expected)) {
        throw new TikaException("detected " + type);
      }
      Optional<Instant> created = Optional.ofNullable(metadata.getDate(TikaCoreProperties.CREATED))
          .map(java.util.Date::toInstant);
      return new Extracted(handler.toString().strip(), created);
    } catch (BatonException e) {
      throw e;
    } catch (IOException | TikaException | SAXException | RuntimeException e) {
      throw ToolFailure.permanent("cannot read '" + file.getFileName() + "': the file is"
          + " unreadable, corrupt or not really a ." + extension(file) + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** The file as strict UTF-8 (a leading byte-order mark dropped); empty if it is not UTF-8. */
  private static Optional<String> utf8(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}

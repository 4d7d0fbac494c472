package dev.baton.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/**
 * The faster text analysis and document parsing give exactly what the former, simpler forms gave:
 * final letters mapped after tokenizing instead of before, the prefix filter without a String per
 * token, titles without splitting the whole text, dates without scanning past the first one.
 */
class FoldingAnalyzerTest {
  static final String HEBREW = "אבגדהוזחטיכלמנסעפצקרשתךםןףץ";
  static final String[] SAMPLES = {
      "שָׁלוֹם עולם ובתבואות המכירות", "פגישה בְּתְבוּאוֹת עם הצוות", "וְהַתְּבוּאָה לחם מלך",
      "Tevuot harvest budget, pilot-decision; 2025-12-14 14/12/2025", "Crème brûlée ÉCOLE ß",
      "ﬠﬡﬢ presentation forms: ךּ שׁ", "emoji 🙂 mixed עבריתEnglish123 ק.ר.ן", "",
      "כשהלכנו למשרד ושמענו מהמנהל", "ה ו ב ל מ ש כ הו בל משך כלב", "a\u05BCb\u200Dc\uFEFFd"};

  /** FoldingAnalyzer as it was: final letters mapped by a character filter before the tokenizer. */
  static final class Reference extends Analyzer {
    static final NormalizeCharMap FINALS;

    static {
      NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
      b.add("ך", "כ");
      b.add("ם", "מ");
      b.add("ן", "נ");
      b.add("ף", "פ");
      b.add("ץ", "צ");
      FINALS = b.build();
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return new MappingCharFilter(FINALS, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new ICUTokenizer();
      return new TokenStreamComponents(tokenizer,
          new HebrewPrefixFilter(new ICUFoldingFilter(tokenizer)));
    }
  }

  static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(WorkspaceIndex.BODY, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute pos = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term + "@" + pos.getPositionIncrement() + ":" + offset.startOffset() + "-"
            + offset.endOffset());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void givesTheSameTokensAsTheFormerAnalyzer() throws IOException {
    try (Analyzer now = new FoldingAnalyzer(); Analyzer before = new Reference()) {
      for (String s : SAMPLES) {
        assertThat(tokens(now, s)).as(s).isEqualTo(tokens(before, s));
      }
      Random random = new Random(5);
      String alphabet = HEBREW + "abcXYZ0129 .,-\n\u05B0\u05B4\u05BC\u05C1";
      for (int i = 0; i < 500; i++) {
        StringBuilder sb = new StringBuilder();
        for (int j = random.nextInt(60); j > 0; j--) {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        assertThat(tokens(now, sb.toString())).as(sb.toString())
            .isEqualTo(tokens(before, sb.toString()));
      }
    }
  }

  @Test
  void foldsFinalLettersNiqqudAndPrefixes() throws IOException {
    try (Analyzer a = new FoldingAnalyzer()) {
      assertThat(tokens(a, "שָׁלוֹם")).extracting(t -> t.substring(0, t.indexOf('@')))
          .containsExactly("שלומ", "לומ");
      assertThat(tokens(a, "ובתבואות")).extracting(t -> t.substring(0, t.indexOf('@')))
          .containsExactly("ובתבואות", "בתבואות", "תבואות");
      assertThat(tokens(a, "ובתבואות")).extracting(t -> t.substring(t.indexOf('@')))
          .containsExactly("@1:0-8", "@0:0-8", "@0:0-8");
    }
  }

  /** The title as it was computed: split the whole text, then a regex per line. */
  static String referenceTitle(String text, Path file) {
    for (String line : text.split("\\R", 20)) {
      String t = line.replaceFirst("^#+\\s*", "").strip();
      if (!t.isEmpty()) {
        return t.length() > 120 ? t.substring(0, 120) : t;
      }
    }
    return file.getFileName().toString();
  }

  @Test
  void titlesAreAsBefore() {
    Path file = Path.of("x/name.md");
    List<String> texts = new ArrayList<>(List.of("", "\n\n", "# Title\nbody", "##   \n\n  ## Sub",
        "\r\n\r\nline\r\n", "\n".repeat(25) + "late", "\n".repeat(19) + "#\nrest\nmore",
        "x".repeat(200), "\u2028\u2029\u0085title"));
    Random random = new Random(11);
    String alphabet = "ab #\n\r\u2028\t ";
    for (int i = 0; i < 500; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = random.nextInt(80); j > 0; j--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(sb.toString());
    }
    for (String t : texts) {
      assertThat(WorkspaceIndex.title(t, file)).as(t).isEqualTo(referenceTitle(t, file));
    }
  }

  static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[./](\\d{1,2})[./](\\d{4})");

  /** The stated date as it was found: both patterns searched over the whole head. */
  static Optional<LocalDate> referenceStated(String head) {
    Matcher iso = ISO.matcher(head);
    Matcher dayFirst = DAY_FIRST.matcher(head);
    int isoAt = iso.find() ? iso.start() : Integer.MAX_VALUE;
    int dfAt = dayFirst.find() ? dayFirst.start() : Integer.MAX_VALUE;
    try {
      if (isoAt < dfAt) {
        return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)),
            Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3))));
      }
      if (dfAt < Integer.MAX_VALUE) {
        return Optional.of(LocalDate.of(Integer.parseInt(dayFirst.group(3)),
            Integer.parseInt(dayFirst.group(2)), Integer.parseInt(dayFirst.group(1))));
      }
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  @Test
  void statedDatesAreAsBefore() {
    List<String> heads = new ArrayList<>(List.of("2025-12-14", "14/12/2025", "1.2.2025 2025-03-04",
        "2025-03-04 1.2.2025", "x14/12/2025-01-02", "12.05.2025-01-01", "99/99/2025 2025-01-01",
        "2025-13-01", "no date", "3/4/20251-02-03"));
    Random random = new Random(3);
    String alphabet = "0123456789-/. a";
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = random.nextInt(40); j > 0; j--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      heads.add(sb.toString());
    }
    for (String h : heads) {
      assertThat(DocumentDates.stated(h)).as(h).isEqualTo(referenceStated(h));
    }
    assertThat(DocumentDates.of("# Note\n2025-12-14", Optional.empty(), Instant.EPOCH,
        ZoneId.of("UTC"))).isEqualTo(LocalDate.of(2025, 12, 14));
  }
}

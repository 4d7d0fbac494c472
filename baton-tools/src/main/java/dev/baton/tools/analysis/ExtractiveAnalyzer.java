package dev.baton.tools.analysis;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import dev.baton.tools.text.Words;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analysis without a language model, for Hebrew and English alike. Pure. Sentences come from ICU's
 * sentence breaker (and list lines); the summary and key points are the sentences whose words are
 * most frequent across the documents; decisions and open items are sentences carrying marker words
 * in either language; dates are found by pattern.
 */
public final class ExtractiveAnalyzer {
  static final int SUMMARY_SENTENCES = 3;
  static final int KEY_POINTS = 6;
  static final int MAX_ITEMS = 12;

  private static final List<String> DECISION_MARKERS = List.of("decided", "decision", "agreed",
      "approved", "we will go with", "החלטה", "החלטנו", "הוחלט", "סוכם", "אושר", "הוסכם");
  private static final List<String> OPEN_MARKERS = List.of("todo", "to do", "open item",
      "open question", "pending", "follow up", "follow-up", "action item", "still need",
      "not yet", "tbd", "- [ ]", "פתוח", "פתוחה", "לבדוק", "טרם", "משימה", "צריך ל", "יש לבדוק",
      "ממתין", "לא הוחלט");
  /** Header lines such as "Date: 2025-12-15" or "משתתפים: נועה, יואב": facts, not sentences. */
  private static final Pattern METADATA =
      Pattern.compile("^[\\p{L}\\p{M}'׳\\-]{1,20}(?:\\s[\\p{L}\\p{M}'׳\\-]{1,20})?\\s*:\\s*\\S.*$");
  private static final int METADATA_MAX_WORDS = 10;
  private static final int SUMMARY_MIN_WORDS = 4;
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern DAY_FIRST =
      Pattern.compile("\\b(\\d{1,2})[./](\\d{1,2})[./](\\d{4})\\b");
  private static final Pattern NAMED = Pattern.compile(
      "\\b(\\d{1,2})\\s+(?:ב)?(January|February|March|April|May|June|July|August|September|October"
          + "|November|December|ינואר|פברואר|מרץ|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר|נובמבר"
          + "|דצמבר)(?:\\s+(\\d{4}))?",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final List<String> HEBREW_MONTHS = List.of("ינואר", "פברואר", "מרץ", "אפריל",
      "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר");
  private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "to", "in",
      "on", "for", "is", "are", "was", "we", "it", "be", "with", "at", "by", "this", "that", "as",
      "של", "את", "על", "עם", "זה", "גם", "כי", "אם", "לא", "הוא", "היא", "אנחנו", "יש", "או",
      "מה", "כל", "אל");

  /** A document's text and where it came from. */
  public record Source(String path, String text) {}

  public Analysis analyze(List<Source> sources) {
    List<Sentence> sentences = new ArrayList<>();
    for (Source s : sources) {
      for (String text : sentences(s.text())) {
        sentences.add(new Sentence(text, s.path(), sentences.size(), isMetadata(text)));
      }
    }
    Map<String, Integer> freq = new HashMap<>();
    for (Sentence s : sentences) {
      for (String w : content(s.text())) {
        freq.merge(w, 1, Integer::sum);
      }
    }
    // why: header lines repeat in every document, so word frequency alone would rank them first
    List<Sentence> ranked = new ArrayList<>(sentences.stream()
        .filter(x -> !x.metadata() && content(x.text()).size() >= SUMMARY_MIN_WORDS).toList());
    if (ranked.isEmpty()) {
      ranked.addAll(sentences);
    }
    ranked.sort((a, b) -> Double.compare(weight(b, freq), weight(a, freq)));
    List<Sentence> top = ranked.subList(0, Math.min(KEY_POINTS, ranked.size()));
    List<String> keyPoints = top.stream().sorted((a, b) -> Integer.compare(a.order(), b.order()))
        .map(Sentence::text).toList();
    String summary = String.join(" ", ranked.subList(0, Math.min(SUMMARY_SENTENCES, ranked.size()))
        .stream().sorted((a, b) -> Integer.compare(a.order(), b.order()))
        .map(Sentence::text).toList());
    return new Analysis(summary, keyPoints, marked(sentences, DECISION_MARKERS),
        marked(sentences, OPEN_MARKERS), dates(sentences),
        sources.stream().map(Source::path).toList(), "extractive");
  }

  private record Sentence(String text, String source, int order, boolean metadata) {}

  static boolean isMetadata(String line) {
    return METADATA.matcher(line).matches() && Words.of(line).size() <= METADATA_MAX_WORDS
        && !line.toLowerCase(Locale.ROOT).startsWith("decision")
        && !line.toLowerCase(Locale.ROOT).startsWith("action item")
        && !line.toLowerCase(Locale.ROOT).startsWith("open item");
  }

  /** Sentences and list items of a text, headings dropped, markers like "- " stripped. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(ULocale.ROOT);
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith("---")) {
        continue;
      }
      l = l.replaceFirst("^([-*•]|\\d+[.)])\\s+", "").replace("**", "");
      it.setText(l);
      int start = it.first();
      for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
        String s = l.substring(start, end).strip();
        if (Words.of(s).size() >= 2) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static List<String> content(String sentence) {
    return Words.of(sentence).stream().filter(w -> w.length() > 1 && !STOP.contains(w)).toList();
  }

  private static double weight(Sentence s, Map<String, Integer> freq) {
    List<String> words = content(s.text());
    if (words.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (String w : new LinkedHashSet<>(words)) {
      sum += freq.getOrDefault(w, 0) - 1;
    }
    // why: divide by sqrt(length) so neither one-word lines nor run-on paragraphs dominate
    return sum / Math.sqrt(words.size());
  }

  private static List<String> marked(List<Sentence> sentences, List<String> markers) {
    Set<String> out = new LinkedHashSet<>();
    for (Sentence s : sentences) {
      String lower = s.text().toLowerCase(Locale.ROOT);
      if (markers.stream().anyMatch(lower::contains)) {
        out.add(s.text());
      }
      if (out.size() == MAX_ITEMS) {
        break;
      }
    }
    return List.copyOf(out);
  }

  private static List<Analysis.DateMention> dates(List<Sentence> sentences) {
    List<Analysis.DateMention> out = new ArrayList<>();
    for (Sentence s : sentences) {
      for (String d : datesIn(s.text())) {
        out.add(new Analysis.DateMention(d, s.text(), s.source()));
      }
    }
    out.sort((a, b) -> a.date().compareTo(b.date()));
    return out.size() > 3 * MAX_ITEMS ? out.subList(0, 3 * MAX_ITEMS) : out;
  }

  static List<String> datesIn(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = ISO.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    m = DAY_FIRST.matcher(text);
    while (m.find()) {
      iso(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(1))).ifPresent(out::add);
    }
    m = NAMED.matcher(text);
    while (m.find()) {
      int month = month(m.group(2));
      int day = Integer.parseInt(m.group(1));
      if (m.group(3) != null) {
        iso(Integer.parseInt(m.group(3)), month, day).ifPresent(out::add);
      } else {
        out.add(String.format("--%02d-%02d", month, day));
      }
    }
    return List.copyOf(out);
  }

  private static int month(String name) {
    int he = HEBREW_MONTHS.indexOf(name);
    return he >= 0 ? he + 1 : Month.valueOf(name.toUpperCase(Locale.ROOT)).getValue();
  }

  private static java.util.Optional<String> iso(int year, int month, int day) {
    try {
      return java.util.Optional.of(LocalDate.of(year, month, day).toString());
    } catch (java.time.DateTimeException e) {
      return java.util.Optional.empty();
    }
  }
}

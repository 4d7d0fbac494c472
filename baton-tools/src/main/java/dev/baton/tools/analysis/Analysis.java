package dev.baton.tools.analysis;

import java.util.List;

/**
 * What the analysis agent finds in a set of documents.
 *
 * @param summary a few sentences
 * @param keyPoints the most central sentences
 * @param decisions sentences that record a decision
 * @param openItems sentences that record something still to do or decide
 * @param dates dates mentioned, with the sentence around them
 * @param sources the documents read
 * @param method "extractive" or "model"
 */
public record Analysis(String summary, List<String> keyPoints, List<String> decisions,
    List<String> openItems, List<DateMention> dates, List<String> sources, String method) {
  public Analysis {
    keyPoints = List.copyOf(keyPoints);
    decisions = List.copyOf(decisions);
    openItems = List.copyOf(openItems);
    dates = List.copyOf(dates);
    sources = List.copyOf(sources);
  }

  /** A date (ISO when it could be read, else as written) and where it was said. */
  public record DateMention(String date, String text, String source) {}
}

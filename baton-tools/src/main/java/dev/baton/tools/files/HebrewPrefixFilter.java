package dev.baton.tools.files;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Hebrew attaches "and", "the", "in", "to", "from", "that" and "as" to the next word (ובתבואות =
 * "and in Tevuot"). For a Hebrew word that starts with such letters, this filter also emits the word
 * without up to two of them, at the same position, so a search for תבואות finds ובתבואות.
 */
final class HebrewPrefixFilter extends TokenFilter {
  private static final String PREFIXES = "והבלמשכ";
  private static final int MIN_STEM = 3;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute position =
      addAttribute(PositionIncrementAttribute.class);
  private String pending;
  private State saved;

  HebrewPrefixFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (pending != null) {
      restoreState(saved);
      term.setEmpty().append(pending);
      position.setPositionIncrement(0);
      pending = stripped(pending);
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    pending = stripped(term.toString());
    if (pending != null) {
      saved = captureState();
    }
    return true;
  }

  /** The word without its first letter if that is a prefix letter and enough remains; else null. */
  private static String stripped(String word) {
    if (word.length() > MIN_STEM && PREFIXES.indexOf(word.charAt(0)) >= 0
        && word.length() - 1 >= MIN_STEM && isHebrew(word.charAt(1))) {
      return word.substring(1);
    }
    return null;
  }

  private static boolean isHebrew(char c) {
    return c >= '\u05D0' && c <= '\u05EA';
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending = null;
    saved = null;
  }
}

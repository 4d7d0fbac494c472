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
      pending = strippable(term.buffer(), term.length()) ? pending.substring(1) : null;
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    // why: most tokens have no prefix; test the term buffer before making any String
    if (strippable(term.buffer(), term.length())) {
      pending = new String(term.buffer(), 1, term.length() - 1);
      saved = captureState();
    }
    return true;
  }

  /** Whether the word starts with a prefix letter and enough of a Hebrew word remains without it. */
  private static boolean strippable(char[] word, int length) {
    return length > MIN_STEM && prefix(word[0]) && isHebrew(word[1]);
  }

  private static boolean prefix(char c) {
    return switch (c) {
      case 'ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ' -> true;
      default -> false;
    };
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

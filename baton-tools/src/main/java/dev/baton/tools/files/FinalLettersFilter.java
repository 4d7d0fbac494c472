package dev.baton.tools.files;

import dev.baton.tools.text.Folding;
import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Maps the Hebrew final letters (ך ם ן ף ץ) to their ordinary forms in each token, in place. Same
 * tokens as a character filter before the tokenizer (the mapping is one character for one, and
 * word breaking treats both forms alike), without a per-character map lookup over the whole text.
 */
final class FinalLettersFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  FinalLettersFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    char[] buffer = term.buffer();
    for (int i = 0, n = term.length(); i < n; i++) {
      char c = buffer[i];
      if (c >= '\u05DA' && c <= '\u05E5') {
        buffer[i] = Folding.ordinary(c);
      }
    }
    return true;
  }
}

package dev.baton.tools.files;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * Hebrew and English text analysis: ICU word breaking, ICU folding (case, accents, niqqud), final
 * letters mapped to ordinary ones (ICU folding keeps them), and Hebrew one-letter prefixes
 * (ו ה ב ל מ ש כ) also indexed without the prefix. Thread-safe (Lucene keeps one token stream
 * per thread); share one instance.
 */
public final class FoldingAnalyzer extends Analyzer {
  private static final NormalizeCharMap FINALS = finals();

  private static NormalizeCharMap finals() {
    NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
    b.add("ך", "כ");
    b.add("ם", "מ");
    b.add("ן", "נ");
    b.add("ף", "פ");
    b.add("ץ", "צ");
    return b.build();
  }

  @Override
  protected Reader initReaderForNormalization(String fieldName, Reader reader) {
    return new MappingCharFilter(FINALS, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer tokenizer = new ICUTokenizer();
    TokenStream stream =
        new HebrewPrefixFilter(new FinalLettersFilter(new ICUFoldingFilter(tokenizer)));
    return new TokenStreamComponents(tokenizer, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ICUFoldingFilter(in);
  }
}

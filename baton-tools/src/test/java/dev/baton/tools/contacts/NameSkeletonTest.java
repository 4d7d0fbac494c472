package dev.baton.tools.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import dev.baton.tools.text.Folding;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameSkeletonTest {
  private static final Transliterator ICU =
      Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");

  @Test
  void asciiWordsRomaniseAsIcuWouldWithoutIt() {
    for (String name : List.of("Yoav", "Cohen", "Noa", "O'Brien", "Mary-Jane", "ZHANG", "x1 y2",
        "Tevuot", "Levi_Design", "Schwarz")) {
      String folded = Folding.fold(name);
      assertThat(NameSkeleton.toLatin(folded)).as(name).isEqualTo(ICU.transliterate(folded));
    }
  }

  @Test
  void otherScriptsStillGoThroughIcu() {
    String folded = Folding.fold("Дмитрий");
    assertThat(NameSkeleton.toLatin(folded)).isEqualTo(ICU.transliterate(folded))
        .isEqualTo("dmitrii");
    assertThat(NameSkeleton.of("Дмитрий")).isEqualTo(NameSkeleton.of("Dmitrii"));
  }

  @Test
  void hebrewAndLatinSpellingsMeet() {
    assertThat(NameSkeleton.of("יואב")).containsAnyElementsOf(NameSkeleton.of("Yoav"));
    assertThat(NameSkeleton.of("כהן")).containsAnyElementsOf(NameSkeleton.of("Cohen"));
  }
}

package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestSignatureTest {
  @Test
  void sameIntentsAndNamesAreSimilarWhateverTheGlueWords() {
    RequestSignature a = RequestSignature.of("schedule a meeting with Noa tomorrow at 10");
    RequestSignature b = RequestSignature.of("please schedule a meeting with Noa on Sunday");
    RequestSignature c = RequestSignature.of("summarise the Tevuot documents");

    assertThat(a.intents()).contains("SCHEDULE");
    assertThat(a.entities()).contains("noa");
    assertThat(a.similarity(b)).isGreaterThan(a.similarity(c));
    assertThat(a.similarity(a)).isEqualTo(1.0);
  }

  @Test
  void hebrewPrefixesDoNotChangeTheEntities() {
    assertThat(RequestSignature.of("תסכם את המסמכים של תבואות").entities()).contains("תבואות");
    assertThat(RequestSignature.of("מה עשינו בתבואות").entities()).contains("תבואות");
  }
}

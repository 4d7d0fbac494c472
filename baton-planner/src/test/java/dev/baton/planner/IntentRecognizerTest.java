package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntentRecognizerTest {
  @Test
  void recognisesReadingAndSchedulingThroughHebrewPrefixes() {
    var r = IntentRecognizer.recognize(RequestWords.of(
        "תקרא מה עשינו בדצמבר בתבואות ותקבע פגישה עם יואב"));
    assertThat(r.strong()).contains(Intent.SEARCH, Intent.SUMMARIZE, Intent.SCHEDULE);
    assertThat(r.personCues()).as("the word after עם").containsExactly(8);
  }

  @Test
  void longerPhrasesWinOverTheirFirstWord() {
    var r = IntentRecognizer.recognize(RequestWords.of("find a time with Noa"));
    assertThat(r.strong()).containsExactly(Intent.FIND_SLOT);
    assertThat(r.findVerb()).isFalse();
  }

  @Test
  void bareNounsAreWeak() {
    var r = IntentRecognizer.recognize(RequestWords.of("the meeting notes"));
    assertThat(r.strong()).isEmpty();
    assertThat(r.weak()).contains(Intent.SCHEDULE, Intent.SEARCH);
  }
}

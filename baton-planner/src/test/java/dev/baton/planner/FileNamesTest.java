package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void aHebrewTitleGivesAMeaningfulNameNotTheSameOneForEveryMeeting() {
    assertThat(FileNames.slug("Meeting with יואב", "agenda")).isEqualTo("meeting-with-יואב");
    assertThat(FileNames.slug("Meeting with דנה", "agenda")).isEqualTo("meeting-with-דנה");
    assertThat(FileNames.slug("פגישה עם יוֹאָב – תבואות", "agenda"))
        .isEqualTo("פגישה-עם-יואב-תבואות");
  }

  @Test
  void englishTitlesAreLowerCaseWordsJoinedByHyphens() {
    assertThat(FileNames.slug("Tevuot December review", "x"))
        .isEqualTo("tevuot-december-review");
  }

  @Test
  void nothingUsableGivesTheFallbackAndLongTitlesAreCut() {
    assertThat(FileNames.slug("!!! ???", "agenda-2026-11-30")).isEqualTo("agenda-2026-11-30");
    assertThat(FileNames.slug("word ".repeat(40), "x").length())
        .isLessThanOrEqualTo(FileNames.MAX);
  }
}

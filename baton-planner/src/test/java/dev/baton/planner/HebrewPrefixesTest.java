package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HebrewPrefixesTest {
  @Test
  void stripsPrefixLettersLongestFormFirst() {
    assertThat(HebrewPrefixes.forms("ובתבואות")).containsExactly("ובתבואות", "בתבואות", "תבואות");
    assertThat(HebrewPrefixes.forms("ושבשבוע")).containsExactly("ושבשבוע", "שבשבוע", "בשבוע",
        "שבוע");
    assertThat(HebrewPrefixes.forms("ב-10")).containsExactly("ב-10", "10");
  }

  @Test
  void leavesWordsThatStartWithOtherLettersAlone() {
    assertThat(HebrewPrefixes.forms("יואב")).containsExactly("יואב");
    assertThat(HebrewPrefixes.forms("של")).containsExactly("של");
  }
}

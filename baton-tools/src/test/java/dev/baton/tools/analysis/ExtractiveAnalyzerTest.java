package dev.baton.tools.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnalyzerTest {
  private static final String MINUTES_HE = """
      # תבואות – סיכום שבועי
      תאריך: 2025-12-10
      כותב: נועה לוי
      משתתפים: נועה, יואב, דנה
      הפיילוט בעמק יזרעאל מתקדם לפי התוכנית ושלושת המשקים כבר מחוברים למערכת ההשקיה.
      הוחלט שהפיילוט יתחיל בשלושה משקים בעמק יזרעאל.
      לבדוק מול הקיבוץ מי איש הקשר לנתוני ההשקיה.
      """;
  private static final String MINUTES_EN = """
      # Tevuot – weekly notes
      Date: 2025-12-17
      Author: Yoav Cohen
      The pilot with the three farms in the Jezreel valley is on track for January.
      Decision: the pilot start date is confirmed for January 5.
      Open item: data ownership terms still need legal review.
      """;

  @Test
  void summaryIsMadeOfSentencesNotHeaderLines() {
    Analysis a = new ExtractiveAnalyzer().analyze(List.of(
        new ExtractiveAnalyzer.Source("he.md", MINUTES_HE),
        new ExtractiveAnalyzer.Source("en.md", MINUTES_EN)));
    assertThat(a.summary()).doesNotContain("תאריך:", "Date:", "Author:", "משתתפים:")
        .contains("הפיילוט");
    assertThat(a.keyPoints()).noneMatch(p -> p.startsWith("Date:") || p.startsWith("תאריך:"));
    assertThat(a.decisions()).contains("הוחלט שהפיילוט יתחיל בשלושה משקים בעמק יזרעאל.",
        "Decision: the pilot start date is confirmed for January 5.");
    assertThat(a.openItems()).contains("לבדוק מול הקיבוץ מי איש הקשר לנתוני ההשקיה.",
        "Open item: data ownership terms still need legal review.");
  }

  @Test
  void headerLinesAreRecognisedInBothLanguages() {
    assertThat(ExtractiveAnalyzer.isMetadata("Date: 2025-12-17")).isTrue();
    assertThat(ExtractiveAnalyzer.isMetadata("משתתפים: נועה, יואב, דנה")).isTrue();
    assertThat(ExtractiveAnalyzer.isMetadata("Decision: we agreed to start with AquaSense."))
        .isFalse();
    assertThat(ExtractiveAnalyzer.isMetadata("The pilot is on track for January.")).isFalse();
  }
}

package dev.baton.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateExpressionsTest {
  /** Tuesday. */
  static final LocalDate TODAY = LocalDate.of(2026, 1, 20);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      מה עשינו בדצמבר         | false | 2025-12-01 | 2025-12-31 | -
      what we did in December | false | 2025-12-01 | 2025-12-31 | -
      December 2024           | false | 2024-12-01 | 2024-12-31 | -
      מחר                     | true  | 2026-01-21 | 2026-01-21 | -
      מחר בעשר                | true  | 2026-01-21 | 2026-01-21 | 10:00
      tomorrow at 3pm         | true  | 2026-01-21 | 2026-01-21 | 15:00
      next Sunday             | true  | 2026-01-25 | 2026-01-25 | -
      ביום ראשון הבא          | true  | 2026-01-25 | 2026-01-25 | -
      26/1                    | true  | 2026-01-26 | 2026-01-26 | -
      ב-26/1 בשעה 14          | true  | 2026-01-26 | 2026-01-26 | 14:00
      10.12.2025              | false | 2025-12-10 | 2025-12-10 | -
      2026-02-03              | true  | 2026-02-03 | 2026-02-03 | -
      בשבוע הבא               | true  | 2026-01-25 | 2026-01-31 | -
      last week               | false | 2026-01-11 | 2026-01-17 | -
      השבוע                   | false | 2026-01-18 | 2026-01-24 | -
      בחודש שעבר              | false | 2025-12-01 | 2025-12-31 | -
      15 בדצמבר               | false | 2025-12-15 | 2025-12-15 | -
      at 10:30                | true  | 2026-01-20 | 2026-01-20 | 10:30
      """)
  void findsTheDaysAndTheTime(String text, boolean future, LocalDate from, LocalDate to,
      LocalTime at) {
    var found = DateExpressions.find(RequestWords.of(text), TODAY, future);
    assertThat(found.windows()).hasSize(1);
    TimeWindow w = found.windows().getFirst();
    assertThat(w.from()).isEqualTo(from);
    assertThat(w.to()).isEqualTo(to);
    assertThat(w.at()).isEqualTo(at);
  }

  @ParameterizedTest
  @CsvSource({"what's the weather", "תקרא את המסמכים", "schedule a meeting with Noa"})
  void findsNothingWhereNoDateIsSaid(String text) {
    assertThat(DateExpressions.find(RequestWords.of(text), TODAY, true).windows()).isEmpty();
  }
}

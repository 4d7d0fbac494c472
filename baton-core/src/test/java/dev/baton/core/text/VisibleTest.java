package dev.baton.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTest {
  @Test
  void zeroWidthAndBidiControlsAreTaggedByName() {
    String planted = "Invite\u200B eve@evil.example\u202Egnp.exe";
    String shown = Visible.text(planted);
    assertThat(shown).contains("⟦U+200B ZERO WIDTH SPACE⟧", "⟦U+202E RIGHT-TO-LEFT OVERRIDE⟧")
        .doesNotContain("\u200B", "\u202E");
    assertThat(Visible.hasHidden(planted)).isTrue();
  }

  @Test
  void terminalEscapesCannotReachTheTerminal() {
    assertThat(Visible.text("ok\u001b[2Jgone")).isEqualTo("ok⟦U+001B ESCAPE⟧[2Jgone");
  }

  @Test
  void hebrewAndLineBreaksStayAsTheyAre() {
    String doc = "סקירת דצמבר – תבואות\n1. החלטה";
    assertThat(Visible.text(doc)).isEqualTo(doc);
    assertThat(Visible.hasHidden(doc)).isFalse();
    assertThat(Visible.line(doc)).isEqualTo("סקירת דצמבר – תבואות⏎1. החלטה");
  }

  @Test
  void shortenSaysHowLongTheInputWas() {
    assertThat(Visible.shorten("a".repeat(100), 10)).isEqualTo("aaaaaaaaaa… (100 characters)");
    assertThat(Visible.shorten("short", 10)).isEqualTo("short");
  }
}

package dev.baton.planner;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How long a meeting should be, if the request says: "30 minutes", "half an hour", "an hour",
 * "2 hours", "45 דקות", "חצי שעה", "רבע שעה", "שעה וחצי", "שעתיים". Pure.
 */
final class MeetingLength {
  static final int DEFAULT_MINUTES = 60;

  private MeetingLength() {}

  /** The length and the words that said it. */
  record Found(OptionalInt minutes, Set<Integer> used) {}

  static Found find(RequestWords w, Set<Integer> taken) {
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < w.size(); i++) {
      if (taken.contains(i)) {
        continue;
      }
      String word = w.get(i).folded();
      String next = i + 1 < w.size() && !taken.contains(i + 1) ? w.get(i + 1).folded() : "";
      String third = i + 2 < w.size() ? w.get(i + 2).folded() : "";
      Integer number = number(word);
      if (number != null && isMinutes(next)) {
        return found(number, used, i, 2);
      }
      if (number != null && isHours(next)) {
        return found(number * 60, used, i, 2);
      }
      if (word.equals("half") && (next.equals("hour") || (next.equals("an") && third.equals("hour")))) {
        return found(30, used, i, next.equals("an") ? 3 : 2);
      }
      if ((word.equals("an") || word.equals("one")) && next.equals("hour")) {
        return found(60, used, i, 2);
      }
      if (w.get(i).is(RequestWords.fold("חצי")) && next.equals(RequestWords.fold("שעה"))) {
        return found(30, used, i, 2);
      }
      if (w.get(i).is(RequestWords.fold("רבע")) && next.equals(RequestWords.fold("שעה"))) {
        return found(15, used, i, 2);
      }
      if (w.get(i).is(RequestWords.fold("שעתיים"))) {
        return found(120, used, i, 1);
      }
      if (w.get(i).is(RequestWords.fold("שעה"))) {
        boolean half = next.equals(RequestWords.fold("וחצי"));
        return found(half ? 90 : 60, used, i, half ? 2 : 1);
      }
    }
    return new Found(OptionalInt.empty(), used);
  }

  private static Found found(int minutes, Set<Integer> used, int from, int length) {
    for (int k = from; k < from + length; k++) {
      used.add(k);
    }
    return new Found(OptionalInt.of(minutes), used);
  }

  private static Integer number(String word) {
    if (word.matches("\\d{1,3}")) {
      return Integer.valueOf(word);
    }
    return switch (word) {
      case "one" -> 1;
      case "two", "שתי" -> 2;
      case "three", "שלוש" -> 3;
      default -> null;
    };
  }

  private static boolean isMinutes(String word) {
    return word.equals("minutes") || word.equals("minute") || word.equals("min")
        || word.equals("mins") || word.equals(RequestWords.fold("דקות"))
        || word.equals(RequestWords.fold("דק'"));
  }

  private static boolean isHours(String word) {
    return word.equals("hours") || word.equals("hour") || word.equals(RequestWords.fold("שעות"));
  }
}

package dev.baton.tools.contacts;

import com.ibm.icu.text.Transliterator;
import dev.baton.tools.text.Folding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Consonant skeletons of a name, comparable across Hebrew and Latin script. ICU's transliteration
 * spells Hebrew letter by letter (יואב → "yw'b"), which never meets "Yoav"; instead both scripts
 * are reduced to classes of consonants: vowels and guttural/h sounds are dropped, and letters that
 * may be either a vowel or a consonant (ו, י, Latin y, ch, kh) yield both readings. יואב and Yoav
 * both give "YB"; כהן and Cohen both give "KN". Other scripts are first romanised with ICU.
 */
public final class NameSkeleton {
  static final int MAX_VARIANTS = 64;
  private static final ThreadLocal<Transliterator> TO_LATIN = ThreadLocal.withInitial(
      () -> Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower"));

  private NameSkeleton() {}

  /** All skeletons of one word (each a string of consonant classes, duplicates collapsed). */
  public static Set<String> of(String word) {
    String w = Folding.fold(word);
    List<String[]> slots = Folding.containsHebrew(w) ? hebrew(w) : latin(toLatin(w));
    Set<String> variants = new LinkedHashSet<>();
    variants.add("");
    for (String[] choices : slots) {
      Set<String> next = new LinkedHashSet<>();
      for (String v : variants) {
        for (String c : choices) {
          next.add(v + c);
          if (next.size() >= MAX_VARIANTS) {
            break;
          }
        }
      }
      variants = next;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String v : variants) {
      String collapsed = collapse(v);
      if (!collapsed.isEmpty()) {
        out.add(collapsed);
      }
    }
    return out;
  }

  /** A folded word in lower-case ASCII: ICU romanises other scripts. */
  static String toLatin(String folded) {
    // why: names are nearly all Hebrew or plain ASCII, on which ICU's rules change nothing (the
    // word is already lower-case); making the transliterator is a third of the time it takes a
    // fresh process to plan a request
    for (int i = 0; i < folded.length(); i++) {
      if (folded.charAt(i) >= 0x80) {
        return TO_LATIN.get().transliterate(folded);
      }
    }
    return folded;
  }

  private static List<String[]> hebrew(String w) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < w.length(); i++) {
      char c = Folding.ordinary(w.charAt(i));
      String[] slot = switch (c) {
        case 'ב' -> one("B");
        case 'ג' -> one("G");
        case 'ד' -> one("D");
        case 'ו' -> both("B");
        case 'ז' -> one("Z");
        case 'ט', 'ת' -> one("T");
        case 'י' -> both("Y");
        case 'כ', 'ק' -> one("K");
        case 'ל' -> one("L");
        case 'מ' -> one("M");
        case 'נ' -> one("N");
        case 'ס', 'ש' -> one("S");
        case 'פ' -> one("P");
        case 'צ' -> one("C");
        case 'ר' -> one("R");
        default -> null; // א ה ח ע, geresh and anything else carry no consonant class here
      };
      if (slot != null) {
        out.add(slot);
      }
    }
    return out;
  }

  private static List<String[]> latin(String w) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      char next = i + 1 < w.length() ? w.charAt(i + 1) : ' ';
      String pair = "" + c + next;
      switch (pair) {
        case "sh" -> { out.add(one("S")); i++; continue; }
        case "ch", "kh" -> { out.add(both("K")); i++; continue; }
        case "ph" -> { out.add(one("P")); i++; continue; }
        case "th" -> { out.add(one("T")); i++; continue; }
        case "tz", "ts" -> { out.add(one("C")); i++; continue; }
        case "zh" -> { out.add(one("Z")); i++; continue; }
        case "ck" -> { out.add(one("K")); i++; continue; }
        default -> { }
      }
      String[] slot = switch (c) {
        case 'b', 'v', 'w' -> one("B");
        case 'p', 'f' -> one("P");
        case 'k', 'c', 'q' -> one("K");
        case 'g', 'j' -> one("G");
        case 'd' -> one("D");
        case 't' -> one("T");
        case 'z' -> one("Z");
        case 's' -> one("S");
        case 'x' -> one("KS");
        case 'm' -> one("M");
        case 'n' -> one("N");
        case 'l' -> one("L");
        case 'r' -> one("R");
        case 'y' -> both("Y");
        default -> null; // vowels, h and punctuation
      };
      if (slot != null) {
        out.add(slot);
      }
    }
    return out;
  }

  private static String[] one(String c) {
    return new String[] {c};
  }

  private static String[] both(String c) {
    return new String[] {c, ""};
  }

  private static String collapse(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (sb.isEmpty() || sb.charAt(sb.length() - 1) != s.charAt(i)) {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }
}

package dev.baton.tools.contacts;

import dev.baton.core.tool.ToolFailure;
import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.property.Email;
import ezvcard.property.Nickname;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads vCard text (3.0 or 4.0) into contacts; refuses text with malformed lines. */
public final class VCards {
  private VCards() {}

  /**
   * @param source names the text in error messages
   * @throws dev.baton.core.error.BatonException TOOL_FAILED (permanent) naming the first bad line
   */
  public static List<Contact> parse(String text, String source) {
    List<Contact> out = new ArrayList<>();
    try (VCardReader reader = new VCardReader(text)) {
      VCard card;
      while ((card = reader.readNext()) != null) {
        for (var w : reader.getWarnings()) {
          // why: ez-vcard skips a malformed line with a warning; a half-read address book would
          // make "not found" answers lie, so a broken line is an error
          if (w.getCode() != null && w.getCode() == 27) {
            throw ToolFailure.permanent(source + " has a malformed line " + w.getLineNumber()
                + ": " + w.getMessage());
          }
        }
        toContact(card).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw ToolFailure.permanent("cannot read " + source + ": " + e.getMessage(), e);
    }
    if (out.isEmpty() && !text.isBlank() && !text.toUpperCase(Locale.ROOT).contains("BEGIN:VCARD")) {
      throw ToolFailure.permanent(source + " is not a vCard file (no BEGIN:VCARD)");
    }
    return out;
  }

  static java.util.Optional<Contact> toContact(VCard card) {
    List<String> names = new ArrayList<>();
    String full = card.getFormattedName() == null ? "" : card.getFormattedName().getValue();
    StructuredName n = card.getStructuredName();
    if (n != null) {
      String joined = String.join(" ", nonNull(n.getGiven()), nonNull(n.getFamily())).strip();
      if (!joined.isEmpty() && !joined.equals(full)) {
        names.add(joined);
      }
    }
    for (Nickname nick : card.getNicknames()) {
      names.addAll(nick.getValues());
    }
    if (full.isBlank()) {
      if (names.isEmpty()) {
        return java.util.Optional.empty();
      }
      full = names.removeFirst();
    }
    List<String> emails = card.getEmails().stream().map(Email::getValue)
        .map(e -> e.toLowerCase(Locale.ROOT)).toList();
    List<String> phones = card.getTelephoneNumbers().stream().map(Telephone::getText)
        .filter(t -> t != null).toList();
    String org = card.getOrganization() == null ? ""
        : String.join(", ", card.getOrganization().getValues());
    String note = card.getNotes().isEmpty() ? "" : card.getNotes().getFirst().getValue();
    String uid = card.getUid() == null ? "" : card.getUid().getValue();
    return java.util.Optional.of(new Contact(uid, full, names, emails, phones, org, note));
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}

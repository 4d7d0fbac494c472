package dev.baton.tools.contacts;

import java.util.List;

/**
 * A person in the address book.
 *
 * @param otherNames given/family names, nicknames and names in another script
 */
public record Contact(String uid, String name, List<String> otherNames, List<String> emails,
    List<String> phones, String organization, String note) {
  public Contact {
    otherNames = List.copyOf(otherNames);
    emails = List.copyOf(emails);
    phones = List.copyOf(phones);
    uid = uid == null ? "" : uid;
    organization = organization == null ? "" : organization;
    note = note == null ? "" : note;
  }
}

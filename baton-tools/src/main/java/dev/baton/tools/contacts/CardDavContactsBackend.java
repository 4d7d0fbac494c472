package dev.baton.tools.contacts;

import dev.baton.tools.dav.DavClient;
import dev.baton.tools.dav.Multistatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contacts from an address book collection on a CardDAV server (RFC 6352), read with one
 * {@code addressbook-query} REPORT. A missing collection is an empty address book.
 */
public final class CardDavContactsBackend implements ContactsBackend {
  private static final String XML = "application/xml; charset=utf-8";

  private final DavClient client;
  private final URI collection;

  public CardDavContactsBackend(DavClient client, URI collection) {
    this.client = client;
    String text = collection.toString();
    this.collection = URI.create(text.endsWith("/") ? text : text + "/");
  }

  @Override
  public List<Contact> all() throws InterruptedException {
    var r = client.send("REPORT", collection, Map.of("Depth", "1", "Content-Type", XML), """
        <?xml version="1.0" encoding="utf-8"?>
        <C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
          <D:prop><D:getetag/><C:address-data/></D:prop>
        </C:addressbook-query>
        """, Set.of(207, 404));
    if (r.status() == 404) {
      return List.of();
    }
    List<Contact> out = new ArrayList<>();
    for (var entry : Multistatus.read(r.body(), Multistatus.CARDDAV, "address-data")) {
      if (!entry.value().isBlank()) {
        out.addAll(VCards.parse(entry.value(), entry.href()));
      }
    }
    return out;
  }
}

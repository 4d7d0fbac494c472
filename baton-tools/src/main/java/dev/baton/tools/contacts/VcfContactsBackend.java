package dev.baton.tools.contacts;

import dev.baton.core.tool.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.baton.tools.workspace.StoredFile;
import java.util.List;

/** Contacts from one .vcf file; a missing file is an empty address book. Never writes the file. */
public final class VcfContactsBackend implements ContactsBackend {
  private final StoredFile file;

  public VcfContactsBackend(Path file) {
    this(StoredFile.at(file));
  }

  /** On a file that may be confined to a workspace ({@link dev.baton.tools.workspace.Workspace#file}). */
  public VcfContactsBackend(StoredFile file) {
    this.file = file;
  }

  @Override
  public List<Contact> all() {
    try {
      var bytes = file.read();
      return bytes.isEmpty() ? List.of() : VCards.parse(new String(bytes.get(),
          StandardCharsets.UTF_8), file.name());
    } catch (IOException e) {
      throw ToolFailure.permanent("cannot read address book " + file.name() + ": "
          + e.getMessage(), e);
    }
  }
}

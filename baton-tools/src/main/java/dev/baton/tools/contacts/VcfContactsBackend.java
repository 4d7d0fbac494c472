package dev.baton.tools.contacts;

import dev.baton.core.tool.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Contacts from one .vcf file; a missing file is an empty address book. Never writes the file. */
public final class VcfContactsBackend implements ContactsBackend {
  private final Path file;

  public VcfContactsBackend(Path file) {
    this.file = file;
  }

  @Override
  public List<Contact> all() {
    try {
      return VCards.parse(Files.readString(file, StandardCharsets.UTF_8),
          file.getFileName().toString());
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw ToolFailure.permanent("cannot read address book " + file.getFileName() + ": "
          + e.getMessage(), e);
    }
  }
}

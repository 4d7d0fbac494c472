package dev.baton.tools.editor;

import java.util.List;

/** A simple document: a title, an introduction (may be empty) and headed lists. */
record Outline(String title, String intro, List<WriteDocumentTool.Section> sections) {}

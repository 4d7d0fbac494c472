package dev.baton.planner;

/** Something a request asks for. The order is the order their steps take in a plan. */
enum Intent {
  /** Find documents. */
  SEARCH,
  /** Read one document's text. */
  READ,
  /** List the files in a folder. */
  LIST,
  /** Summarise documents: what was done, decided, left open. */
  SUMMARIZE,
  /** Look a person up in the contacts. */
  FIND_PERSON,
  /** When people are busy. */
  FREE_BUSY,
  /** The first time everyone is free. */
  FIND_SLOT,
  /** Whether a proposed time clashes with anything. */
  CHECK_CONFLICTS,
  /** Put a meeting in the calendar. */
  SCHEDULE,
  /** Write a document (an agenda, a summary). */
  WRITE
}

package dev.baton.tools.ask;

/** A person's answer to a clarifying question: the chosen or given value. */
public record Answer(String value) {}

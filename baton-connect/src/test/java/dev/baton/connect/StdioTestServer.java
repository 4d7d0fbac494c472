package dev.baton.connect;

/** Placeholder, replaced below. */
final class StdioTestServer {
  public static void main(String[] args) {}
}

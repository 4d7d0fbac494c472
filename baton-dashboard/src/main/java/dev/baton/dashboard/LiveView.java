package dev.baton.dashboard;

/**
 * What the live page's fragments need beside the execution: the words, the session's token for
 * forms, what the person may do, and whether the page is live (connected to the stream).
 */
public record LiveView(ExecutionView v, Messages m, String csrf, boolean canApprove,
    boolean canOperate, boolean live) {
  public String t(String key, Object... args) {
    return m.t(key, args);
  }

  public String back() {
    return "/ui/executions/" + v.id();
  }
}

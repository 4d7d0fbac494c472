package dev.baton.core.exec;

/** What happens when an approval's timeout passes: reject the step, or escalate and keep waiting. */
public enum ExpiryPolicy {
  REJECT,
  ESCALATE
}

package dev.baton.core.tool;

/** A logger bound to one step of one execution; lines become events in the execution's log. */
public interface StepLogger {
  void info(String message);

  void warn(String message);

  StepLogger NONE = new StepLogger() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {}
  };
}

package dev.baton.cli;

import dev.baton.app.BatonApp;
import dev.baton.app.HttpServing;
import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code baton keys create|list|revoke}: the HTTP API's keys of the tenant ({@code --tenant},
 * default {@code default}), managed on the store directly (the in-process CLI is that tenant's
 * admin). A new key is printed once and never again.
 */
@Command(name = "keys", description = "Manage the HTTP API's keys of a tenant.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class,
        KeysCommand.Revoke.class})
final class KeysCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(System.out);
    return ExitCodes.OK;
  }

  static HttpServing serving() {
    return HttpServing.find().orElseThrow(() -> BatonException.of(ErrorCode.CONFIG_INVALID,
        "this build of Baton has no server; use the jar from baton-dist"));
  }

  @Command(name = "create", description = "Make a key; it is printed once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand
    KeysCommand keys;

    @Option(names = "--role", required = true, description = "viewer, approver, operator or"
        + " admin")
    String role;

    @Option(names = "--name", description = "What the key is for")
    String name;

    @Override
    public Integer call() {
      try (BatonApp app = keys.main.open()) {
        var made = serving().createKey(app, app.config().tenant(), name, role);
        System.out.println(made.getValue());
        System.err.println("made " + made.getKey().role() + " key " + made.getKey().id()
            + " for tenant " + made.getKey().tenant() + "; it is shown only now");
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", description = "The tenant's keys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand
    KeysCommand keys;

    @Override
    public Integer call() {
      try (BatonApp app = keys.main.open()) {
        for (var k : serving().keys(app, app.config().tenant())) {
          System.out.printf("%-12s %-9s %-8s %s%n", k.id(), k.role(),
              k.active() ? "active" : "revoked", k.name());
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "revoke", description = "Revoke a key by its id (bt_ and 8 hex digits).")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand
    KeysCommand keys;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      try (BatonApp app = keys.main.open()) {
        var k = serving().revokeKey(app, app.config().tenant(), id);
        System.out.println("revoked " + k.id());
        return ExitCodes.OK;
      }
    }
  }
}

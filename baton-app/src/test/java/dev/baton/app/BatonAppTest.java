package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatonAppTest {
  @TempDir
  Path home;

  private BatonConfig config() {
    return ConfigLoader.load(home, Map.of(), Map.of());
  }

  @Test
  void openMakesEveryPartAtOnce() {
    try (BatonApp app = BatonApp.open(config())) {
      assertThat(home.resolve("baton.db")).exists();
      assertThat(home.resolve("workspace")).isDirectory();
      assertThat(app.engine().catalog()).isSameAs(app.catalog());
      assertThat(app.engine().store()).isSameAs(app.store());
    }
  }

  @Test
  void lazyListsToolsAndPlansWithoutOpeningTheDatabase() {
    try (BatonApp app = BatonApp.lazy(config(), false)) {
      assertThat(home.resolve("workspace")).doesNotExist();

      assertThat(app.catalog().find("files.search")).isPresent();
      var proposal = app.plan("Schedule a meeting with Noa tomorrow at 10");

      assertThat(proposal.plan().steps()).isNotEmpty();
      assertThat(home.resolve("workspace")).isDirectory();
      assertThat(home.resolve("baton.db")).doesNotExist();
    }
    assertThat(home.resolve("baton.db")).doesNotExist();
  }

  @Test
  void lazyReadsTheStoreWithoutMakingTheCatalogue() {
    try (BatonApp app = BatonApp.lazy(config(), false)) {
      assertThat(app.store().list(null, 10)).isEmpty();

      assertThat(home.resolve("baton.db")).exists();
      assertThat(home.resolve("workspace")).doesNotExist();
    }
  }

  @Test
  void lazyBuildsTheEngineOnTheSameStoreAndCatalogue() {
    try (BatonApp app = BatonApp.lazy(config(), false)) {
      var store = app.store();
      var catalog = app.catalog();

      assertThat(app.engine().store()).isSameAs(store);
      assertThat(app.engine().catalog()).isSameAs(catalog);
      assertThat(app.engine()).isSameAs(app.engine());
    }
  }

  @Test
  void aClosedAppOpensNothingMore() {
    BatonApp app = BatonApp.lazy(config(), false);
    app.close();

    assertThatThrownBy(app::store).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(home.resolve("baton.db")).doesNotExist();
  }
}

package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import dev.baton.core.exec.Event;
import dev.baton.core.json.Json;
import dev.baton.testkit.Events;
import dev.baton.testkit.FakeClock;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening an SQLite file never takes damage or loss for a fresh start. */
class SqliteOpeningTest {
  @TempDir
  Path folder;

  private final FakeClock clock = new FakeClock();

  private Path file() {
    return folder.resolve("baton.db");
  }

  private void fill(int executions) {
    try (JdbcExecutionStore store = JdbcExecutionStore.sqlite(file())) {
      for (int i = 0; i < executions; i++) {
        Events ev = Events.newExecution(clock);
        List<Event> log = new ArrayList<>(ev.started("t"));
        log.addAll(ev.stepRun("fetch", Json.object().put("text", "x".repeat(300))));
        store.append(log);
      }
    }
  }

  @Test
  void aFileIsCreatedOnlyWhereNoneExists() throws Exception {
    Files.write(file(), new byte[0]);
    assertThatThrownBy(() -> JdbcExecutionStore.sqlite(file()))
        .isInstanceOfSatisfying(BatonException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT))
        .hasMessageContaining(file() + " is empty");
    assertThat(file()).isEmptyFile();
    Files.delete(file());
    fill(1);
    assertThat(Files.size(file())).isPositive();
  }

  @Test
  void aCleanCloseLeavesNoMarkerAndAnOpenStoreLeavesOne() {
    try (JdbcExecutionStore store = JdbcExecutionStore.sqlite(file())) {
      assertThat(OpenMarkers.look(file()).live()).isEqualTo(1);
    }
    assertThat(OpenMarkers.folderFor(file())).doesNotExist();
  }

  @Test
  void afterAProcessEndedWithoutClosingADamagedFileIsRefused() throws Exception {
    fill(60);
    Files.createDirectories(OpenMarkers.folderFor(file()));
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    Files.writeString(OpenMarkers.folderFor(file()).resolve("dead.open"),
        host + "\n" + Integer.MAX_VALUE + "\n0\n");
    assertThat(OpenMarkers.look(file()).uncleanEnd()).isTrue();
    long size = Files.size(file());
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      raf.seek(size - 4096 + 8);
      byte[] garbage = new byte[2000];
      java.util.Arrays.fill(garbage, (byte) 0x5A);
      raf.write(garbage);
    }
    assertThatThrownBy(() -> JdbcExecutionStore.sqlite(file()))
        .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code())
            .isIn(ErrorCode.STORE_CORRUPT, ErrorCode.STORE_UNAVAILABLE))
        .hasMessageContaining(file().toString()).hasMessageContaining("damaged");
  }

  @Test
  void aMarkerOfAProcessThatEndedIsCheckedThenForgotten() throws Exception {
    fill(1);
    Files.createDirectories(OpenMarkers.folderFor(file()));
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    Files.writeString(OpenMarkers.folderFor(file()).resolve("dead.open"),
        host + "\n" + Integer.MAX_VALUE + "\n0\n");
    try (JdbcExecutionStore store = JdbcExecutionStore.sqlite(file())) {
      assertThat(store.list(null, 10)).hasSize(1);
      assertThat(OpenMarkers.look(file()).uncleanEnd()).isFalse();
    }
  }
}

package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Facts about the machine and JVM that a reader needs to compare numbers across runs, with the
 * one-minute load average when the benchmark started (other work on the machine skews timings).
 */
record Machine(int cores, String cpu, long maxHeapMib, String jdk, String os, String load) {

  static Machine describe() {
    return new Machine(Runtime.getRuntime().availableProcessors(),
        readCpu().orElse("unknown CPU"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
            + System.getProperty("os.arch") + ")", loadAverage().orElse("unknown"));
  }

  /** The one-minute load average now, where the system tells it. */
  static Optional<String> loadAverage() {
    Path file = Path.of("/proc/loadavg");
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file).split(" ")[0]);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> readCpu() {
    Path info = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(info)) {
      return Optional.empty();
    }
    try (var lines = Files.lines(info)) {
      return lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

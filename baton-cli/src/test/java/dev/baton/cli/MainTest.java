package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The commands {@link Main#direct} makes without picocli are the ones picocli makes. */
class MainTest {
  /** Every instance field's value, by name; the parent command's fields under "main.". */
  static Map<String, Object> fields(Object command) throws IllegalAccessException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field f : command.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
        continue;
      }
      f.setAccessible(true);
      Object value = f.get(command);
      if (value instanceof Main main) {
        for (Field m : Main.class.getDeclaredFields()) {
          if (!Modifier.isStatic(m.getModifiers())) {
            m.setAccessible(true);
            values.put("main." + m.getName(), m.get(main));
          }
        }
      } else {
        values.put(f.getName(), value);
      }
    }
    return values;
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "tools", "plan|read what we did in December on Tevuot",
      "plan|תקרא מה עשינו בדצמבר", "plan|", "plan|status"})
  void makesWhatPicocliMakes(String line) throws Exception {
    String[] args = line.split("\\|", -1);
    Callable<Integer> direct = Main.direct(args);
    assertThat(direct).isNotNull();
    CommandLine cli = Main.commandLine(args);
    Object parsed = cli.parseArgs(args).subcommand().commandSpec().userObject();
    assertThat(direct).isExactlyInstanceOf(parsed.getClass());
    assertThat(fields(direct)).isEqualTo(fields(parsed)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "status|--json", "status|x1", "tools|--json", "tools|allow|x",
      "plan", "plan|--json|x", "plan|x|--json", "plan|-x", "plan|--", "plan|@file", "--debug|status",
      "--home|h|status", "help", "run|x", "status|--help", "plan|--help"})
  void leavesEverythingElseToPicocli(String line) {
    assertThat(Main.direct(line.isEmpty() ? new String[0] : line.split("\\|", -1))).isNull();
  }
}

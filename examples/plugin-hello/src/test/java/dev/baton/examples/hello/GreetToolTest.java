package dev.baton.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.core.tool.Tool;
import dev.baton.core.tool.ToolContext;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The example plugin is found the way Baton finds plugins, and greets. */
class GreetToolTest {
  @Test
  void isFoundByServiceLoaderAndGreetsInHebrew() throws Exception {
    Tool tool = ServiceLoader.load(Tool.class).stream().map(ServiceLoader.Provider::get)
        .filter(t -> t.descriptor().name().equals("hello.greet")).findFirst().orElseThrow();

    var out = tool.call(Json.object().put("name", "יואב").put("language", "he"),
        new ToolContext("e", "s", 1, "e/s", "default", null));

    assertThat(out.get("greeting").asString()).isEqualTo("שלום, יואב");
  }
}

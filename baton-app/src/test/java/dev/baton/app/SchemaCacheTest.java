package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.core.tool.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCacheTest {
  @TempDir
  Path home;

  @Test
  void theBuildWroteASchemaForEveryBuiltInToolRecord_equalToAFreshOne() throws IOException {
    var types = SchemaCache.types(ConfigLoader.load(home, Map.of(), Map.of()));
    assertThat(types).hasSizeGreaterThan(20);

    for (Class<?> type : types) {
      try (InputStream in = SchemaCache.class.getClassLoader()
          .getResourceAsStream(Schemas.resource(type))) {
        assertThat(in).as("precomputed schema of " + type.getName()).isNotNull();
        assertThat(Json.mapper().readTree(in)).as(type.getName())
            .isEqualTo(Schemas.generate(type));
      }
      assertThat(Schemas.of(type)).isEqualTo(Schemas.generate(type));
    }
  }

  @Test
  void writesWhereSchemasLooksThemUp(@TempDir Path classes) throws IOException {
    SchemaCache.main(new String[] {classes.toString()});

    Class<?> type = SchemaCache.types(ConfigLoader.load(home, Map.of(), Map.of())).iterator().next();
    assertThat(classes.resolve(Schemas.resource(type))).isRegularFile();
    assertThat(Json.mapper().readTree(classes.resolve(Schemas.resource(type)).toFile()))
        .isEqualTo(Schemas.generate(type));
  }
}

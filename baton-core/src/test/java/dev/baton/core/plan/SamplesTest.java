package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Samples stand in for outputs that were not made (a dry run): references into them resolve. */
class SamplesTest {
  private static final JsonNode MATCHES = Json.mapper().readTree("""
      {"type": "object", "required": ["query"],
       "properties": {
         "query": {"type": "string"},
         "matches": {"type": "array", "items": {"$ref": "#/$defs/match"}},
         "none": {"type": "array", "maxItems": 0, "items": {"type": "string"}}},
       "$defs": {"match": {"type": "object", "required": ["name"], "properties": {
         "name": {"type": "string", "minLength": 3},
         "email": {"type": "string", "format": "email"},
         "site": {"type": "string", "format": "uri"},
         "at": {"type": "string", "format": "date-time"}}}}}""");

  @Test
  void everyOptionalPropertyAndOneItemPerArraySoReferencesIntoThemResolve() {
    JsonNode sample = Samples.of(MATCHES);

    assertThat(sample.at("/matches/0/email").asString()).isEqualTo("someone@example.com");
    assertThat(sample.at("/matches/0/name").asString()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(sample.at("/matches/0/site").asString()).startsWith("https://");
    assertThat(sample.at("/matches/0/at").asString()).isEqualTo("2000-01-01T00:00:00Z");
    assertThat(sample.get("none")).isEmpty();
  }

  @Test
  void checksKeepTheSmallestValue() {
    JsonNode smallest = SchemaPaths.sample(MATCHES, MATCHES);

    assertThat(smallest.properties()).extracting(Map.Entry::getKey)
        .containsExactly("query");
  }
}

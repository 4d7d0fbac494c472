package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.error.ErrorCode;
import dev.baton.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** How a person's plain answer becomes the object a call's question asked for. */
class CallAnswersTest {
  private static ObjectNode schema(String properties) {
    return (ObjectNode) Json.parse("{\"type\":\"object\",\"properties\":" + properties + "}",
        ErrorCode.REQUEST_INVALID, "schema");
  }

  /** Each row: the schema's properties, the answer given, the answer the call gets. */
  @ParameterizedTest(name = "{0} answered {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"room":{"type":"string"}}                       | {"value":"Blue"}        | {"room":"Blue"}
      {"room":{"type":"string"}}                       | "Blue"                  | {"room":"Blue"}
      {"room":{"type":"string"}}                       | {"room":"Blue"}         | {"room":"Blue"}
      {"seats":{"type":"integer"}}                     | {"value":"4"}           | {"seats":4}
      {"seats":{"type":"integer"}}                     | {"value":"four"}        | {"seats":"four"}
      {"seats":{"type":"integer"}}                     | {"value":"4.5"}         | {"seats":"4.5"}
      {"ratio":{"type":"number"}}                      | {"value":"0.5"}         | {"ratio":0.5}
      {"ok":{"type":"boolean"}}                        | {"value":"yes"}         | {"ok":true}
      {"ok":{"type":"boolean"}}                        | {"value":"No"}          | {"ok":false}
      {"value":{"type":"string"}}                      | {"value":"Blue"}        | {"value":"Blue"}
      {"room":{"type":"string"},"seats":{"type":"integer"}} | {"value":"Blue"}   | {"value":"Blue"}
      """)
  void aPlainAnswerFillsTheOnlyField(String properties, String given, String expected) {
    var answer = Json.parse(given, ErrorCode.REQUEST_INVALID, "answer");

    assertThat(CallAnswers.shape(schema(properties), answer))
        .isEqualTo(Json.parse(expected, ErrorCode.REQUEST_INVALID, "expected"));
  }
}

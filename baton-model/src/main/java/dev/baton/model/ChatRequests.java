package dev.baton.model;

import dev.baton.core.port.LanguageModel.Part;
import dev.baton.core.port.LanguageModel.Prompt;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the LangChain4j request for a {@link Prompt}: the system text (plus the data rule when any
 * part is untrusted), one user message with untrusted parts fenced, and the response schema.
 */
final class ChatRequests {
  private static final String DEFAULT_SCHEMA_NAME = "reply";

  private ChatRequests() {}

  static ChatRequest from(Prompt prompt) {
    boolean fenced = prompt.parts().stream().anyMatch(Part::untrusted);
    String system = fenced ? (prompt.system().strip() + "\n\n" + DataFence.RULE).strip()
        : prompt.system().strip();
    List<ChatMessage> messages = new ArrayList<>();
    if (!system.isEmpty()) {
      messages.add(SystemMessage.from(system));
    }
    messages.add(UserMessage.from(userText(prompt.parts())));
    var request = ChatRequest.builder().messages(messages);
    if (prompt.responseSchema() != null) {
      String name = prompt.responseSchema().path("title").asString(DEFAULT_SCHEMA_NAME)
          .replaceAll("[^A-Za-z0-9_-]", "_");
      request.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
          .jsonSchema(JsonSchema.builder().name(name)
              .rootElement(JsonSchemaElements.from(prompt.responseSchema())).build())
          .build());
    }
    return request.build();
  }

  private static String userText(List<Part> parts) {
    return parts.stream().map(p -> p.untrusted() ? DataFence.around(p.text()) : p.text())
        .collect(Collectors.joining("\n\n"));
  }
}

package dev.baton.core.tool;

import dev.baton.core.error.ErrorCode;
import dev.baton.core.error.BatonException;
import dev.baton.core.json.Json;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Base for tools whose input and output are records. The JSON schemas are generated from the record
 * types (on first use), so the catalogue, the plan checks and the planners all see the same
 * contract.
 *
 * @param <I> input record
 * @param <O> output record
 */
public abstract class TypedTool<I, O> implements Tool {
  private final Class<I> inputType;
  private final tools.jackson.databind.ObjectReader reader;
  private final Class<O> outputType;
  private final ToolDescriptor descriptor;
  /** Whether the subclass names lock keys at all; if not, no input is decoded to ask. */
  private final boolean locks;

  protected TypedTool(String name, String description, Class<I> inputType, Class<O> outputType,
      ToolOptions options) {
    this.inputType = inputType;
    this.outputType = outputType;
    this.reader = Json.mapper().readerFor(inputType);
    // why: generating schemas costs more at start-up than anything else a catalogue does; a
    // command that only lists tools or plans with a few of them should not pay for all
    this.descriptor = ToolDescriptor.lazy(name, description, () -> Schemas.of(inputType),
        () -> Schemas.of(outputType), options);
    this.locks = overrides("resourcesOf");
  }

  private boolean overrides(String method) {
    for (Class<?> c = getClass(); c != TypedTool.class; c = c.getSuperclass()) {
      for (var m : c.getDeclaredMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == 1) {
          return true;
        }
      }
    }
    return false;
  }

  /** The record type of the input, whose schema is the input schema. */
  public final Class<I> inputType() {
    return inputType;
  }

  /** The record type of the output, whose schema is the output schema. */
  public final Class<O> outputType() {
    return outputType;
  }

  /** Runs the tool. Let {@link InterruptedException} through; throw {@link ToolFailure}s. */
  protected abstract O run(I input, ToolContext context) throws Exception;

  /** Lock keys for this input; none by default. */
  protected Set<String> resourcesOf(I input) {
    return Set.of();
  }

  @Override
  public final ToolDescriptor descriptor() {
    return descriptor;
  }

  /** What running with this input would do, for the approval; empty by default. */
  protected Optional<String> previewOf(I input) {
    return Optional.empty();
  }

  @Override
  public final Optional<String> preview(JsonNode input) {
    return previewOf(decode(input));
  }

  @Override
  public final JsonNode call(JsonNode input, ToolContext context) throws Exception {
    return Json.tree(run(decode(input), context));
  }

  @Override
  public final Set<String> resources(JsonNode input) {
    return locks ? resourcesOf(decode(input)) : Set.of();
  }

  /** The output comes from an {@code O} record, which the output schema was made from. */
  @Override
  public final boolean outputTrusted() {
    return true;
  }

  private I decode(JsonNode input) {
    try {
      return reader.readValue(input);
    } catch (JacksonException | IllegalArgumentException e) {
      throw BatonException.of(ErrorCode.STEP_INPUT_INVALID,
          "input for " + descriptor.name() + " does not fit " + inputType.getSimpleName() + ": "
              + e.getMessage(), e);
    }
  }
}

package dev.baton.model;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * What tokens cost, in US dollars per million input and output tokens, so an execution's model use
 * can be shown as money. Providers change prices: {@code BATON_MODEL_PRICE=IN,OUT} (dollars per
 * million tokens) overrides the small built-in table of list prices, which a person should check.
 */
public final class ModelPrices {
  public static final String PRICE_VARIABLE = "BATON_MODEL_PRICE";

  /** Dollars per million tokens, input then output. */
  public record Price(BigDecimal input, BigDecimal output) {
    public BigDecimal cost(long inputTokens, long outputTokens) {
      return input.multiply(BigDecimal.valueOf(inputTokens))
          .add(output.multiply(BigDecimal.valueOf(outputTokens)))
          .divide(BigDecimal.valueOf(1_000_000), 8, RoundingMode.HALF_UP);
    }
  }

  // why: list prices when this table was written (2025); local models cost nothing per token
  private static final Map<String, Price> LIST = Map.of(
      "google:gemini-2.5-flash", price("0.30", "2.50"),
      "google:gemini-2.5-pro", price("1.25", "10.00"),
      "openai:gpt-4.1-mini", price("0.40", "1.60"),
      "openai:gpt-4.1", price("2.00", "8.00"),
      "openai:gpt-4o-mini", price("0.15", "0.60"),
      "anthropic:claude-sonnet-4-5", price("3.00", "15.00"),
      "anthropic:claude-haiku-4-5", price("1.00", "5.00"));

  private final Map<String, String> env;

  public ModelPrices(Map<String, String> env) {
    this.env = env;
  }

  /**
   * The price of a model, if known: the override for the configured model, the list, or zero for
   * Ollama.
   *
   * @throws BatonException CONFIG_INVALID when the override is not two non-negative numbers
   */
  public Optional<Price> of(String model) {
    String override = env.get(PRICE_VARIABLE);
    if (override != null && !override.isBlank() && model.equals(env.get(
        ModelConfig.MODEL_VARIABLE))) {
      return Optional.of(parse(override));
    }
    if (model.startsWith("ollama:")) {
      return Optional.of(price("0", "0"));
    }
    return Optional.ofNullable(LIST.get(model));
  }

  static Price parse(String text) {
    String[] parts = text.split(",");
    try {
      if (parts.length == 2) {
        BigDecimal in = new BigDecimal(parts[0].trim());
        BigDecimal out = new BigDecimal(parts[1].trim());
        if (in.signum() >= 0 && out.signum() >= 0) {
          return new Price(in, out);
        }
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw BatonException.builder(ErrorCode.CONFIG_INVALID, PRICE_VARIABLE
        + " must be two non-negative numbers, dollars per million input and output tokens, such"
        + " as 0.30,2.50; it is '" + text + "'").details(Map.of("variable", PRICE_VARIABLE))
        .build();
  }

  private static Price price(String in, String out) {
    return new Price(new BigDecimal(in), new BigDecimal(out));
  }
}

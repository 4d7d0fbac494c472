package dev.baton.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.error.BatonException;
import dev.baton.core.error.ErrorCode;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPricesTest {
  @Test
  void costsTokensAtTheListPrice() {
    var price = new ModelPrices(Map.of()).of("google:gemini-2.5-flash").orElseThrow();
    // 3,421 in at $0.30/M + 629 out at $2.50/M
    assertThat(price.cost(3421, 629)).isEqualByComparingTo(new BigDecimal("0.0025988"));
  }

  @Test
  void theOverrideWinsForTheConfiguredModelOnly() {
    var prices = new ModelPrices(Map.of("BATON_MODEL", "openai:gpt-4.1-mini",
        "BATON_MODEL_PRICE", "1, 2"));
    assertThat(prices.of("openai:gpt-4.1-mini").orElseThrow().cost(1_000_000, 1_000_000))
        .isEqualByComparingTo("3");
    assertThat(prices.of("google:gemini-2.5-flash")).isPresent();
  }

  @Test
  void unknownModelsHaveNoPriceAndLocalOnesAreFree() {
    var prices = new ModelPrices(Map.of());
    assertThat(prices.of("openai-compatible:my-model")).isEmpty();
    assertThat(prices.of("ollama:llama3.1").orElseThrow().cost(1000, 1000)).isZero();
  }

  @Test
  void aBadOverrideNamesTheVariable() {
    var prices = new ModelPrices(Map.of("BATON_MODEL", "openai:gpt-4.1-mini",
        "BATON_MODEL_PRICE", "cheap"));
    assertThatThrownBy(() -> prices.of("openai:gpt-4.1-mini"))
        .isInstanceOfSatisfying(BatonException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
          assertThat(e.getMessage()).contains("BATON_MODEL_PRICE", "cheap");
        });
  }
}

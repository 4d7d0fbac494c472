package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.Json;
import dev.baton.core.port.ResultCache;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The behaviour every {@link ResultCache} must show. Extend it and return a fresh, empty cache on
 * the given clock from {@link #newCache}; tests move the clock to see entries expire.
 */
public abstract class ResultCacheContract {
  protected final FakeClock clock = new FakeClock();

  /** A new, empty cache whose entries expire on {@code clock}. */
  protected abstract ResultCache newCache(InstantSource clock);

  @Test
  void returnsWhatWasPut() {
    ResultCache cache = newCache(clock);
    ObjectNode value = Json.object().put("count", 3).put("ratio", 0.25);
    value.putArray("names").add("dana").add("יואב");
    value.putObject("nested").putNull("nothing");

    cache.put("demo.echo|acme|{}", value, Duration.ofHours(1));

    assertThat(cache.get("demo.echo|acme|{}")).contains(value);
  }

  @Test
  void missesAnUnknownKey() {
    assertThat(newCache(clock).get("nobody put this")).isEmpty();
  }

  @Test
  void overwritesAKey() {
    ResultCache cache = newCache(clock);
    cache.put("k", Json.object().put("v", 1), Duration.ofHours(1));
    cache.put("k", Json.object().put("v", 2), Duration.ofHours(1));

    assertThat(cache.get("k")).contains(Json.object().put("v", 2));
  }

  @Test
  void keepsItsOwnCopy() {
    ResultCache cache = newCache(clock);
    ObjectNode value = Json.object().put("v", 1);
    cache.put("k", value, Duration.ofHours(1));
    value.put("v", 2);
    ((ObjectNode) cache.get("k").orElseThrow()).put("v", 3);

    assertThat(cache.get("k")).contains(Json.object().put("v", 1));
  }

  @Test
  void forgetsAnEntryOnceItsTtlPasses() {
    ResultCache cache = newCache(clock);
    cache.put("short", Json.object().put("v", 1), Duration.ofSeconds(5));
    cache.put("long", Json.object().put("v", 2), Duration.ofHours(1));

    clock.advance(Duration.ofSeconds(4));
    assertThat(cache.get("short")).isPresent();
    clock.advance(Duration.ofSeconds(2));

    assertThat(cache.get("short")).isEmpty();
    assertThat(cache.get("long")).isPresent();
  }
}

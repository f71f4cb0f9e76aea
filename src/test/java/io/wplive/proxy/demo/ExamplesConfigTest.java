package io.wplive.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.config.ConfigLoader;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.config.RouteOptions;
import io.wplive.proxy.config.UpstreamOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each {@code conf/examples/*.yaml} loads as it is, with no environment at all (as
 * {@code --check-config} reads it), and is the documented setup: proxy on 8080, demo on 8090, its
 * upstream pointing at the demo API of its family, every route cached and normalized.
 */
class ExamplesConfigTest {
  @ParameterizedTest
  @CsvSource({"inventory.yaml, inventory, 2", "listings.yaml, listings, 2", "calendar.yaml, calendar, 1", "xml.yaml, xml, 1"})
  void exampleLoadsWithNoEnvironmentAndTargetsItsDemoApi(String file, String demoApi, int routes) {
    ProxyConfig config = new ConfigLoader(name -> null).load(Path.of("conf/examples", file));

    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.demo().enabled()).isTrue();
    assertThat(config.demo().port()).isEqualTo(8090);
    assertThat(config.upstreams()).hasSize(1);
    Map.Entry<String, UpstreamOptions> upstream = config.upstreams().entrySet().iterator().next();
    URI base = upstream.getValue().baseUrl();
    assertThat(base.toString()).isEqualTo("http://127.0.0.1:8090/" + demoApi);
    assertThat(config.routes()).hasSize(routes);
    for (RouteOptions r : config.routes()) {
      assertThat(r.upstream()).isEqualTo(upstream.getKey());
      assertThat(r.cache().ttl()).as(r.name() + " cache ttl").isPositive();
      assertThat(r.normalize()).as(r.name() + " normalize").isNotNull();
      assertThat(r.queryAllow()).as(r.name() + " must keep stray parameters off the upstream").isNotNull();
    }
  }
}

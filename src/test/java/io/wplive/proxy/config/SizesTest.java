package io.wplive.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §3 sizes, 1024-based: 512KB, 64MB. */
class SizesTest {
  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
      "0, 0",
      "0B, 0",
      "100B, 100",
      "1KB, 1024",
      "512KB, 524288",
      "1MB, 1048576",
      "5MB, 5242880",
      "64MB, 67108864",
      "1GB, 1073741824",
      "8GB, 8589934592",
      "64mb, 67108864",
      "64 MB, 67108864",
      "' 16KB ', 16384",
  })
  void parses(String text, long bytes) {
    assertThat(Sizes.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "not a size: \"{0}\"")
  @ValueSource(strings = {"64", "1", "", "MB", "1.5MB", "-1MB", "64M", "64K", "64G", "64MiB", "64 megabytes", "1TB",
      "0x40MB", "1,024KB", "9999999999999GB", "999999999999GB"})
  void rejects(String text) {
    assertThat(Sizes.parse(text)).isEqualTo(-1);
  }
}

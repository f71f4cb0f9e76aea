package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RESO Web API (OData) listings: {@code value} array, {@code @odata.count}, photos from {@code Media/*}. */
class ResoODataNormalizationTest {
  @Test
  void mapsListingsWithMediaUrlsAndOdataCount() {
    NormalizedBody out = GoldenCase.check("reso/odata-listings");

    assertThat(out.total()).isEqualTo(1234L);
    assertThat(out.totalPages()).isEqualTo(62);
  }
}

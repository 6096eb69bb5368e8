package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {
  @Test
  void cdf_matchesPublishedValuesToOneInTenMillion() {
    // Reference values of Φ from R's pnorm (double precision).
    double[][] known = {
      {0, 0.5},
      {1, 0.8413447460685429},
      {-1, 0.15865525393145707},
      {1.96, 0.9750021048517795},
      {-3, 0.0013498980316300946},
      {2.5, 0.9937903346742238},
      {-6, 9.865876450376946e-10},
      {0.3, 0.6179114221889526},
    };
    for (double[] k : known) {
      assertThat(NormalDistribution.cdf(k[0])).as("Φ(%s)", k[0]).isCloseTo(k[1], within(1e-12));
    }
    assertThat(NormalDistribution.cdf(-9)).isEqualTo(0.0);
    assertThat(NormalDistribution.cdf(9)).isEqualTo(1.0);
  }
}

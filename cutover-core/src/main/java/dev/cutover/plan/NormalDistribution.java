package dev.cutover.plan;

/** The standard normal distribution function, accurate to about 1e-15 absolute. */
final class NormalDistribution {
  private static final double LOG_SQRT_TWO_PI = 0.91893853320467274178;

  private NormalDistribution() {}

  /**
   * Φ(x). For |x| up to 8 sums the Taylor series of Φ(x) - 1/2 = φ(x)(x + x³/3 + x⁵/(3·5) + ...)
   * until it stops changing (Marsaglia, "Evaluating the normal distribution", 2004); beyond that
   * the tail is below 1e-15.
   */
  static double cdf(double x) {
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException("x must be a number");
    }
    if (x < -8) {
      return 0;
    }
    if (x > 8) {
      return 1;
    }
    double sum = x;
    double previous = 0;
    double term = x;
    double square = x * x;
    for (int i = 3; sum != previous; i += 2) {
      previous = sum;
      term *= square / i;
      sum += term;
    }
    return 0.5 + sum * Math.exp(-0.5 * square - LOG_SQRT_TWO_PI);
  }
}

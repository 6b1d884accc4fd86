package io.tbms.resources.occupancy;

import io.tbms.resources.prometheus.Sample;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Remembers the last reading of each counter series and turns the next scrape into rates
 * ({@link CounterRate}). A series seen for the first time has no rate yet; a series missing from
 * a scrape is forgotten. A {@code NaN} or negative reading gives no rate and is not kept. Not
 * thread-safe: one tracker per backend, fed by one scraper.
 */
public final class CounterTracker {

  private record Reading(double value, long atNanos) {}

  private Map<SeriesKey, Reading> last = new HashMap<>();

  /**
   * @param samples this scrape's samples of the counters to track
   * @param atNanos when the scrape was taken (monotonic)
   * @return per-second rates for the series that had a previous reading
   */
  public Map<SeriesKey, Double> observe(List<Sample> samples, long atNanos) {
    Map<SeriesKey, Double> rates = new LinkedHashMap<>();
    Map<SeriesKey, Reading> next = new HashMap<>();
    for (Sample sample : samples) {
      SeriesKey key = SeriesKey.of(sample);
      if (!Double.isFinite(sample.value()) || sample.value() < 0) {
        continue;
      }
      Reading before = last.get(key);
      if (before != null) {
        OptionalDouble rate = CounterRate.perSecond(before.value(), before.atNanos(), sample.value(), atNanos);
        if (rate.isPresent()) {
          rates.put(key, rate.getAsDouble());
        } else if (atNanos <= before.atNanos()) {
          next.put(key, before); // a repeated scrape at the same instant: keep the older base
          continue;
        }
      }
      next.put(key, new Reading(sample.value(), atNanos));
    }
    last = next;
    return rates;
  }
}

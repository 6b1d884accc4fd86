/**
 * A parser for the Prometheus text exposition format, version 0.0.4, as Triton's metrics
 * endpoint serves it. {@link io.tbms.resources.prometheus.PrometheusText#parse} turns a scrape
 * into a {@link io.tbms.resources.prometheus.ParsedMetrics} value; malformed lines become
 * {@link io.tbms.resources.prometheus.ParseProblem}s and never fail the parse. Pure: no I/O.
 */
package io.tbms.resources.prometheus;

/** The line-level parser behind {@link io.tbms.resources.prometheus.PrometheusText}. */
package io.tbms.resources.prometheus.internal;

/**
 * The resource manager: which model replica runs on which device of which backend, how busy each
 * device is, and advice on placement. {@link io.tbms.resources.ResourceManager} scrapes KServe v2 /
 * Triton backends and shares the result through Hazelcast; {@link io.tbms.resources.ResourceView}
 * is what the broker reads on its hot path. Feature packages: {@code prometheus} (the text
 * format), {@code occupancy} (rates and shares, pure), {@code inventory} (devices and replicas),
 * {@code nvidia} (local {@code nvidia-smi}), {@code placement} (advice, pure).
 */
package io.tbms.resources;

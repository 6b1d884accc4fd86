/** The Vert.x and Hazelcast adapters behind {@link io.tbms.resources.ResourceManager}. */
package io.tbms.resources.internal;

/** The gRPC adapter that asks a KServe v2 / Triton backend which models it runs where. */
package io.tbms.resources.inventory.internal;

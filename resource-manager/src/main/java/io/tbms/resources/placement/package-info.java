/**
 * Placement advice from device occupancy, pure: co-locate the models of lightly used GPUs to free
 * devices, and add a replica (or a device) for the busiest model of a hot device.
 */
package io.tbms.resources.placement;

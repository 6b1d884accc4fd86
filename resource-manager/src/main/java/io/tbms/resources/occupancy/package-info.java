/**
 * Occupancy math, pure: counter rates between two scrapes and each device's use split over the
 * models that run on it. Times are arguments (monotonic nanoseconds); nothing here reads a clock,
 * does I/O or imports Vert.x or Hazelcast.
 */
package io.tbms.resources.occupancy;

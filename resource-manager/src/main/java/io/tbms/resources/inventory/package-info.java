/**
 * Devices and model replicas of each backend. {@link io.tbms.resources.inventory.InventoryBuilder}
 * derives a {@link io.tbms.resources.inventory.BackendInventory} from what a backend says about
 * itself (its models' instance groups and the {@code gpu_uuid}s in its metrics); it is pure. The
 * gRPC adapter that asks the backend lives in {@code internal}.
 */
package io.tbms.resources.inventory;

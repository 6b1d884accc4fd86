package io.tbms.resources.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.ReplicaPlacement;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Devices and replicas shared by the cluster: Hazelcast maps {@value #DEVICES} (device id to JSON)
 * and {@value #REPLICAS} ({@code model@address} to JSON). Without a Hazelcast instance, local maps
 * stand in. Reads and writes may block on the network: call them off the event loop.
 * {@link #scrapes()} reads the local member list only and does not block.
 */
public final class SharedState {

  public static final String DEVICES = "tbms.resources.devices";
  public static final String REPLICAS = "tbms.resources.replicas";

  private final HazelcastInstance hazelcast;
  private final ConcurrentMap<String, String> devices;
  private final ConcurrentMap<String, String> replicas;

  public SharedState(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.devices = hazelcast == null ? new ConcurrentHashMap<>() : hazelcast.getMap(DEVICES);
    this.replicas = hazelcast == null ? new ConcurrentHashMap<>() : hazelcast.getMap(REPLICAS);
  }

  /** True on the cluster's oldest member (the one that scrapes), or without a cluster. */
  public boolean scrapes() {
    if (hazelcast == null) {
      return true;
    }
    Iterator<Member> members = hazelcast.getCluster().getMembers().iterator();
    return members.hasNext() && members.next().localMember();
  }

  /** Replaces the shared devices and replicas with these. */
  public void write(List<DeviceOccupancy> deviceList, List<ReplicaPlacement> replicaList) {
    replace(devices, deviceList.stream().collect(
        Collectors.toMap(DeviceOccupancy::id, d -> d.toJson().encode(), (a, b) -> b)));
    replace(replicas, replicaList.stream().collect(
        Collectors.toMap(ReplicaPlacement::key, r -> r.toJson().encode(), (a, b) -> b)));
  }

  private static void replace(ConcurrentMap<String, String> shared, Map<String, String> next) {
    Set<String> gone = new HashSet<>(shared.keySet());
    gone.removeAll(next.keySet());
    if (shared instanceof com.hazelcast.map.IMap<String, String> map) {
      map.putAll(next);
      gone.forEach(map::delete);
    } else {
      shared.putAll(next);
      gone.forEach(shared::remove);
    }
  }

  public List<DeviceOccupancy> devices() {
    return devices.values().stream().map(json -> DeviceOccupancy.fromJson(new JsonObject(json)))
        .sorted(Comparator.comparing(DeviceOccupancy::id)).toList();
  }

  public List<ReplicaPlacement> replicas() {
    return replicas.values().stream().map(json -> ReplicaPlacement.fromJson(new JsonObject(json)))
        .sorted(Comparator.comparing(ReplicaPlacement::model).thenComparing(ReplicaPlacement::address)).toList();
  }
}

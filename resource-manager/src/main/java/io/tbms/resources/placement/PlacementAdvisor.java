package io.tbms.resources.placement;

import io.tbms.resources.DeviceKind;
import io.tbms.resources.DeviceOccupancy;
import io.tbms.resources.PlacementAdvice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Advice from one set of device readings. Pure and thread-safe. Devices that are down are ignored.
 *
 * <p><b>Co-locate.</b> GPUs used below {@code coLocateBelow} that run models are candidates. Taking
 * them from the least used, each is freed if all its models fit, first-fit-decreasing by share, onto
 * the other candidates not yet freed (busiest first) without taking any of them beyond
 * {@code coLocateTarget}, nor beyond its memory when memory is known. A model's memory is taken as
 * an equal part of its device's used memory (Triton reports memory per device only). One
 * {@code CO_LOCATE} advice per receiving device names the models moved to it, where from, and the
 * devices the moves free.
 *
 * <p><b>Hot.</b> For a device used at or above {@code hotThreshold}: its busiest model gets
 * {@code ADD_REPLICA} on the device of the same kind, not running that model already, with the most
 * room, provided its use plus the model's share stays within {@code roomThreshold}; if there is none,
 * {@code ADD_DEVICE}.
 */
public final class PlacementAdvisor {

  private final PlacementPolicy policy;

  public PlacementAdvisor(PlacementPolicy policy) {
    this.policy = policy;
  }

  public List<PlacementAdvice> advise(List<DeviceOccupancy> devices) {
    List<DeviceOccupancy> up = devices.stream().filter(d -> !d.down()).toList();
    List<PlacementAdvice> advice = new ArrayList<>(coLocate(up));
    advice.addAll(hot(up));
    return advice;
  }

  private List<PlacementAdvice> coLocate(List<DeviceOccupancy> devices) {
    List<Bin> bins = new ArrayList<>();
    for (DeviceOccupancy device : devices) {
      if (device.kind() == DeviceKind.GPU && device.used() < policy.coLocateBelow() && !device.models().isEmpty()) {
        bins.add(new Bin(device));
      }
    }
    if (bins.size() < 2) {
      return List.of();
    }
    bins.sort(Comparator.comparingDouble((Bin b) -> b.load).thenComparing(b -> b.device.id()));
    List<Move> moves = new ArrayList<>();
    List<Bin> freed = new ArrayList<>();
    for (Bin source : bins) {
      if (source.received) {
        continue; // models moved onto a device stay there
      }
      List<Bin> targets = bins.stream().filter(b -> b != source && !freed.contains(b))
          .sorted(Comparator.comparingDouble((Bin b) -> -b.load).thenComparing(b -> b.device.id())).toList();
      Optional<List<Move>> fit = fitAll(source, targets);
      if (fit.isPresent()) {
        fit.get().forEach(move -> move.to.take(move));
        moves.addAll(fit.get());
        freed.add(source);
        source.empty();
      }
    }
    Map<String, List<Move>> byTarget = new LinkedHashMap<>();
    for (Move move : moves) {
      byTarget.computeIfAbsent(move.to.device.id(), id -> new ArrayList<>()).add(move);
    }
    List<PlacementAdvice> advice = new ArrayList<>();
    byTarget.forEach((to, into) -> {
      Bin target = into.get(0).to;
      LinkedHashSet<String> models = new LinkedHashSet<>();
      LinkedHashSet<String> from = new LinkedHashSet<>();
      into.forEach(move -> {
        models.add(move.model);
        from.add(move.from.device.id());
      });
      StringBuilder reason = new StringBuilder();
      for (Move move : into) {
        reason.append(reason.length() == 0 ? "" : ", ").append(move.model).append(' ').append(pct(move.share))
            .append(" from ").append(move.from.device.id()).append(" (used ").append(pct(move.from.device.used()))
            .append(')');
      }
      reason.append(" fit on ").append(to).append(" (used ").append(pct(target.device.used())).append(" -> ")
          .append(pct(target.load)).append(", target ").append(pct(policy.coLocateTarget()))
          .append("); GPUs below ").append(pct(policy.coLocateBelow())).append(" are co-located");
      advice.add(new PlacementAdvice(PlacementAdvice.Kind.CO_LOCATE, List.copyOf(models), List.copyOf(from), to,
          List.copyOf(from), reason.toString()));
    });
    return advice;
  }

  /** Every model of {@code source} onto {@code targets}, first fit, largest share first; empty when one does not fit. */
  private Optional<List<Move>> fitAll(Bin source, List<Bin> targets) {
    Map<Bin, double[]> added = new LinkedHashMap<>();
    targets.forEach(t -> added.put(t, new double[2]));
    List<Move> moves = new ArrayList<>();
    List<Map.Entry<String, Double>> items = new ArrayList<>(source.models.entrySet());
    items.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    long memoryEach = source.device.memoryTotalBytes() > 0 ? source.device.memoryUsedBytes() / items.size() : 0;
    for (Map.Entry<String, Double> item : items) {
      Bin chosen = null;
      for (Bin target : targets) {
        double[] extra = added.get(target);
        boolean fitsLoad = target.load + extra[0] + item.getValue() <= policy.coLocateTarget();
        boolean fitsMemory = target.device.memoryTotalBytes() <= 0 || source.device.memoryTotalBytes() <= 0
            || target.memoryUsed + extra[1] + memoryEach <= target.device.memoryTotalBytes();
        if (fitsLoad && fitsMemory) {
          chosen = target;
          break;
        }
      }
      if (chosen == null) {
        return Optional.empty();
      }
      added.get(chosen)[0] += item.getValue();
      added.get(chosen)[1] += memoryEach;
      moves.add(new Move(item.getKey(), item.getValue(), memoryEach, source, chosen));
    }
    return Optional.of(moves);
  }

  private List<PlacementAdvice> hot(List<DeviceOccupancy> devices) {
    List<PlacementAdvice> advice = new ArrayList<>();
    for (DeviceOccupancy device : devices) {
      if (device.used() < policy.hotThreshold() || device.models().isEmpty()) {
        continue;
      }
      Map.Entry<String, Double> busiest = device.models().entrySet().stream()
          .min(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .orElseThrow();
      String model = busiest.getKey();
      double share = busiest.getValue();
      Optional<DeviceOccupancy> room = devices.stream()
          .filter(d -> d != device && d.kind() == device.kind() && !d.models().containsKey(model))
          .filter(d -> d.used() + share <= policy.roomThreshold())
          .min(Comparator.comparingDouble(DeviceOccupancy::used).thenComparing(DeviceOccupancy::id));
      String hot = device.id() + " used " + pct(device.used()) + " >= " + pct(policy.hotThreshold())
          + ", busiest model " + model + " " + pct(share);
      if (room.isPresent()) {
        DeviceOccupancy to = room.get();
        advice.add(new PlacementAdvice(PlacementAdvice.Kind.ADD_REPLICA, List.of(model), List.of(device.id()),
            to.id(), List.of(), hot + "; " + to.id() + " has the most room (used " + pct(to.used()) + " -> "
                + pct(to.used() + share) + ", room up to " + pct(policy.roomThreshold()) + ")"));
      } else {
        advice.add(new PlacementAdvice(PlacementAdvice.Kind.ADD_DEVICE, List.of(model), List.of(device.id()),
            null, List.of(), hot + "; no " + device.kind() + " has room for " + pct(share) + " within "
                + pct(policy.roomThreshold())));
      }
    }
    return advice;
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  /** One device during packing: its load and memory as the moves so far leave them. */
  private static final class Bin {
    final DeviceOccupancy device;
    final Map<String, Double> models;
    double load;
    long memoryUsed;
    boolean received;

    Bin(DeviceOccupancy device) {
      this.device = device;
      this.models = new LinkedHashMap<>(device.models());
      this.load = device.used();
      this.memoryUsed = device.memoryUsedBytes();
    }

    void take(Move move) {
      models.merge(move.model, move.share, Double::sum);
      load += move.share;
      memoryUsed += move.memoryBytes;
      received = true;
    }

    void empty() {
      models.clear();
      load = 0;
      memoryUsed = 0;
    }
  }

  private record Move(String model, double share, long memoryBytes, Bin from, Bin to) {}
}

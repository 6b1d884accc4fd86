package io.tbms.resources.nvidia;

import io.tbms.resources.prometheus.ParseProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Parses the output of {@value #QUERY}: one line per GPU, {@code index, uuid, name,
 * utilization.gpu (%), memory.used (MiB), memory.total (MiB)}. Values printed as {@code [N/A]} (or
 * {@code [Not Supported]}) are empty; a line that does not fit is skipped and reported. Pure.
 */
public final class NvidiaSmiCsv {

  /** The arguments that produce the output this parses. */
  public static final String QUERY =
      "--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits";

  private static final long MIB = 1L << 20;

  /** The GPUs read and the lines skipped. */
  public record Result(List<GpuReading> gpus, List<ParseProblem> problems) {
    public Result {
      gpus = List.copyOf(gpus);
      problems = List.copyOf(problems);
    }
  }

  private NvidiaSmiCsv() {}

  public static Result parse(String output) {
    List<GpuReading> gpus = new ArrayList<>();
    List<ParseProblem> problems = new ArrayList<>();
    String[] lines = output.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != 6) {
        problems.add(new ParseProblem(i + 1, "expected 6 comma-separated fields, found " + fields.length));
        continue;
      }
      try {
        int index = Integer.parseInt(fields[0].strip());
        String uuid = fields[1].strip();
        if (!uuid.startsWith("GPU-") && !uuid.startsWith("MIG-")) {
          throw new IllegalArgumentException("uuid '" + uuid + "' is not a GPU uuid");
        }
        OptionalDouble percent = number(fields[3]);
        gpus.add(new GpuReading(index, uuid, fields[2].strip(),
            percent.isPresent() ? OptionalDouble.of(Math.max(0, Math.min(1, percent.getAsDouble() / 100))) : percent,
            mebibytes(fields[4]), mebibytes(fields[5])));
      } catch (IllegalArgumentException e) {
        problems.add(new ParseProblem(i + 1, e.getMessage()));
      }
    }
    return new Result(gpus, problems);
  }

  private static OptionalDouble number(String field) {
    String value = field.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      return OptionalDouble.empty();
    }
    try {
      double parsed = Double.parseDouble(value);
      if (!Double.isFinite(parsed) || parsed < 0) {
        throw new IllegalArgumentException("value '" + value + "' is not a non-negative number");
      }
      return OptionalDouble.of(parsed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("value '" + value + "' is not a number");
    }
  }

  private static OptionalLong mebibytes(String field) {
    OptionalDouble value = number(field);
    return value.isPresent() ? OptionalLong.of((long) (value.getAsDouble() * MIB)) : OptionalLong.empty();
  }
}

package io.tbms.resources.nvidia;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nvidia-smi} with {@link NvidiaSmiCsv#QUERY} on a worker thread. Absent when no
 * executable {@code nvidia-smi} is on the PATH. Thread-safe.
 */
public final class NvidiaSmi {

  private static final long TIMEOUT_SECONDS = 5;

  private final Path executable;

  private NvidiaSmi(Path executable) {
    this.executable = executable;
  }

  /** The {@code nvidia-smi} on {@code path} (a PATH-style list), if there is one. */
  public static Optional<NvidiaSmi> find(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "nvidia-smi");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new NvidiaSmi(candidate));
      }
    }
    return Optional.empty();
  }

  /** The {@code nvidia-smi} on this process's PATH, if there is one. */
  public static Optional<NvidiaSmi> onPath() {
    return find(System.getenv("PATH"));
  }

  /** Runs it off the event loop; fails when it exits non-zero or takes more than 5 s. */
  public Future<NvidiaSmiCsv.Result> query(Vertx vertx) {
    return vertx.executeBlocking(this::run, false);
  }

  private NvidiaSmiCsv.Result run() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(NvidiaSmiCsv.QUERY.split(" ")));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // its output is a few short lines, well within a pipe's buffer: waiting first cannot deadlock
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("nvidia-smi did not finish within " + TIMEOUT_SECONDS + " s");
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (process.exitValue() != 0) {
      throw new IOException("nvidia-smi exited with " + process.exitValue() + ": "
          + new String(output, StandardCharsets.UTF_8).strip());
    }
    return NvidiaSmiCsv.parse(new String(output, StandardCharsets.UTF_8));
  }
}

package io.tbms.zoo.model.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The on-disk cache of trained models: one directory per model and key, written to a temporary
 * sibling and moved into place, so a killed start never leaves a half-written entry.
 */
final class Artifacts {

  /** Bump when a cached file's format changes. */
  static final int FORMAT_VERSION = 2;

  private Artifacts() {}

  interface Writer {
    void write(Path dir) throws IOException;
  }

  static void writeAtomically(Path target, Writer writer) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
    writer.write(temp);
    Files.writeString(temp.resolve("COMPLETE"), "ok\n");
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteTree(temp);
      if (!Files.exists(target.resolve("COMPLETE"))) {
        throw e;
      }
    }
  }

  static boolean complete(Path dir) {
    return Files.isRegularFile(dir.resolve("COMPLETE"));
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static List<String> readLines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

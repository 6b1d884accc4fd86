package io.tbms.zoo.model.internal;

import io.tbms.zoo.data.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The on-disk cache of trained models: one directory per model and key. An entry is written into
 * a temporary sibling, sealed with a {@code MANIFEST} of each file's SHA-256, and moved into
 * place atomically, so a killed start never leaves a half-written entry; {@link #verify} rejects
 * an entry whose files no longer match their manifest.
 */
final class Artifacts {

  /** Bump when a cached file's format or a training procedure changes. */
  static final int FORMAT_VERSION = 3;
  static final String MANIFEST = "MANIFEST";

  private Artifacts() {}

  interface Writer {
    void write(Path dir) throws IOException;
  }

  /** The entry directory for a model: {@code cacheDir/<name>-<first 16 hex of SHA-256(key)>}. */
  static Path entry(Path cacheDir, String name, String fingerprint, String settings) {
    String key = fingerprint + "|" + name + "|" + settings + "|v" + FORMAT_VERSION;
    return cacheDir.resolve(name + "-" + Sha256.hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
  }

  static void writeAtomically(Path target, Writer writer) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp");
    try {
      writer.write(temp);
      List<String> manifest = new ArrayList<>();
      for (Path file : files(temp)) {
        manifest.add(Sha256.hex(Files.readAllBytes(file)) + "  " + file.getFileName());
      }
      writeLines(temp.resolve(MANIFEST), manifest);
      if (Files.exists(target) && !complete(target)) {
        deleteTree(target); // unsealed leftovers (hand-made or from an older format) block the move
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteTree(temp);
      if (!Files.isRegularFile(target.resolve(MANIFEST))) { // another process may have won the race
        throw e;
      }
    }
  }

  /** Whether a sealed entry exists (it may still fail {@link #verify}). */
  static boolean complete(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  /** Checks every file of the entry against its manifest. */
  static void verify(Path dir) throws IOException {
    List<String> lines = readLines(dir.resolve(MANIFEST));
    if (lines.isEmpty()) {
      throw new IOException("empty manifest in " + dir);
    }
    for (String line : lines) {
      int gap = line.indexOf("  ");
      if (gap != 64) {
        throw new IOException("bad manifest line '" + line + "' in " + dir);
      }
      Path file = dir.resolve(line.substring(gap + 2));
      if (!Files.isRegularFile(file) || !Sha256.hex(Files.readAllBytes(file)).equals(line.substring(0, gap))) {
        throw new IOException(file + " does not match its manifest checksum");
      }
    }
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static List<String> readLines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

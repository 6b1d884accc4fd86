package io.tbms.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the relative links of Markdown files that lead nowhere: a target file or folder that does
 * not exist, or an {@code #anchor} into a Markdown file that has no such heading. Headings are
 * turned into anchors with GitHub's rule: lowercase, punctuation other than {@code -} and
 * {@code _} removed, each space a {@code -}, and {@code -1}, {@code -2}, … after repeats.
 *
 * <p>Links are inline ({@code [text](target "title")}, images too) and reference definitions
 * ({@code [label]: target}). Links inside fenced code blocks and code spans are not links, and
 * {@code http:}, {@code https:} and {@code mailto:} targets are not checked. Stateless.
 */
final class MarkdownLinks {

  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(`{3,}|~{3,})");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
  private static final Pattern INLINE = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^\\s)]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s[^>]*(?:name|id)=\"([^\"]+)\"");
  private static final Pattern LINK_TEXT = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]");

  /** One link that leads nowhere. */
  record Broken(Path file, int line, String target, String why) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + target + " (" + why + ")";
    }
  }

  private MarkdownLinks() {}

  /** The broken links of one Markdown file, in the order they appear. */
  static List<Broken> check(Path file) {
    List<Broken> broken = new ArrayList<>();
    List<String> lines = outsideFences(read(file));
    for (int i = 0; i < lines.size(); i++) {
      String text = CODE_SPAN.matcher(lines.get(i)).replaceAll("");
      List<String> targets = new ArrayList<>();
      Matcher inline = INLINE.matcher(text);
      while (inline.find()) {
        targets.add(inline.group(1));
      }
      Matcher reference = REFERENCE.matcher(text);
      if (reference.find()) {
        targets.add(reference.group(1));
      }
      for (String target : targets) {
        String why = problem(file, unwrap(target));
        if (why != null) {
          broken.add(new Broken(file, i + 1, target, why));
        }
      }
    }
    return broken;
  }

  /**
   * The lines, with those of fenced code blocks (and their fences) blanked, so that line numbers
   * stay. A fence closes with the same character, at least as many times, alone on its line.
   */
  private static List<String> outsideFences(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    String fence = null;
    for (String line : lines) {
      Matcher marker = FENCE.matcher(line);
      if (fence == null && marker.find()) {
        fence = marker.group(1);
        out.add("");
      } else if (fence != null) {
        String trimmed = line.trim();
        if (marker.find() && trimmed.equals(marker.group(1)) && trimmed.charAt(0) == fence.charAt(0)
            && trimmed.length() >= fence.length()) {
          fence = null;
        }
        out.add("");
      } else {
        out.add(line);
      }
    }
    return out;
  }

  /** Why a link target leads nowhere, or null when it leads somewhere (or is not checked). */
  private static String problem(Path from, String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("mailto:")) {
      return null;
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = path.isEmpty() ? from : from.getParent().resolve(decode(path)).normalize();
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (anchor == null || Files.isDirectory(resolved)
        || !resolved.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
      return null;
    }
    return anchors(resolved).contains(decode(anchor).toLowerCase(Locale.ROOT)) ? null : "no such heading";
  }

  /** The anchors a Markdown file offers: its headings' slugs and explicit HTML anchors. */
  static Set<String> anchors(Path file) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : outsideFences(read(file))) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
      }
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        anchors.add(html.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return anchors;
  }

  /** GitHub's anchor for a heading: link syntax reduced to its text, then the slug rule. */
  static String slug(String heading) {
    String text = LINK_TEXT.matcher(heading).replaceAll("$1");
    return NOT_IN_SLUG.matcher(text.trim().toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
  }

  private static String unwrap(String target) {
    return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
  }

  /** Percent-decoding of a link's path or anchor ({@code %20} is a space; {@code +} stays). */
  private static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The Markdown files whose links the project keeps true: every file under {@code docs/} and
   * every {@code README.md}, outside build output ({@code target/}), dot-folders and caches.
   */
  static List<Path> documents(Path root) {
    List<Path> documents = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          String name = dir.equals(root) ? "" : dir.getFileName().toString();
          boolean skip = name.startsWith(".") || name.equals("target") || name.equals("node_modules")
              || name.equals("__pycache__") || name.endsWith(".egg-info");
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          String name = file.getFileName().toString();
          if (name.equals("README.md")
              || (root.relativize(file).startsWith("docs") && name.toLowerCase(Locale.ROOT).endsWith(".md"))) {
            documents.add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    documents.sort(null);
    return documents;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.tbms.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in {@code docs/**}{@code /*.md} and in every {@code README.md} of the
 * repository leads to a file that exists and, for an {@code #anchor} into a Markdown file, to a
 * heading it has ({@link MarkdownLinks}). The other tests here hold the checker to its rules on
 * small files of their own.
 */
class DocsLinksTest {

  @TempDir Path dir;

  @Test
  void everyRelativeLinkOfTheDocsAndReadmesLeadsSomewhere() {
    Path root = repositoryRoot();
    List<Path> documents = MarkdownLinks.documents(root);
    assertThat(documents).as("Markdown files checked under %s", root)
        .contains(root.resolve("README.md"), root.resolve("docs/design.md"), root.resolve("docs/ops/README.md"));

    List<MarkdownLinks.Broken> broken = new ArrayList<>();
    documents.forEach(document -> broken.addAll(MarkdownLinks.check(document)));

    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void findsALinkToAFileThatDoesNotExist() throws IOException {
    write("b.md", "# B\n");
    Path a = write("a.md", "See [b](b.md), [the docs](./), [c](c.md) and ![a picture](img/none.png).\n");

    assertThat(MarkdownLinks.check(a)).extracting(MarkdownLinks.Broken::target)
        .containsExactly("c.md", "img/none.png");
  }

  @Test
  void findsAnAnchorThatNoHeadingHas() throws IOException {
    write("b.md", "# The design\n\n## 2. The query\n\n### Credentials and signing\n\n## Notes\n\n## Notes\n");
    Path a = write("a.md", String.join("\n",
        "[ok](b.md#2-the-query) [ok](b.md#credentials-and-signing) [ok](b.md#notes-1) [ok](#here)",
        "[bad](b.md#3-interfaces) [bad](b.md#notes-2) [bad](#nowhere)",
        "## Here", ""));

    assertThat(MarkdownLinks.check(a)).extracting(MarkdownLinks.Broken::target)
        .containsExactly("b.md#3-interfaces", "b.md#notes-2", "#nowhere");
    assertThat(MarkdownLinks.check(a)).extracting(MarkdownLinks.Broken::line).containsOnly(2);
  }

  @Test
  void ignoresWebLinksCodeBlocksAndCodeSpans() throws IOException {
    Path a = write("a.md", String.join("\n",
        "<https://example.org> [web](https://example.org/x.md) [mail](mailto:a@example.org)",
        "```sh",
        "echo '[not a link](missing.md)'",
        "```",
        "`[nor this](missing.md)` but [this one](gone.md)",
        "[ref]: also-gone.md", ""));

    assertThat(MarkdownLinks.check(a)).extracting(MarkdownLinks.Broken::target)
        .containsExactly("gone.md", "also-gone.md");
  }

  @Test
  void slugsHeadingsAsGitHubDoes() {
    assertThat(MarkdownLinks.slug("3. Interfaces")).isEqualTo("3-interfaces");
    assertThat(MarkdownLinks.slug("An instance's own report (`GET /v1/report`)"))
        .isEqualTo("an-instances-own-report-get-v1report");
    assertThat(MarkdownLinks.slug("Config tuner vs exhaustive search (date 2026-11-23)"))
        .isEqualTo("config-tuner-vs-exhaustive-search-date-2026-11-23");
    assertThat(MarkdownLinks.slug("§5 snake_case — and [a link](x.md)")).isEqualTo("5-snake_case--and-a-link");
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /**
   * The repository's root: Maven's {@code maven.multiModuleProjectDirectory} when it is passed on,
   * else the nearest folder above the working directory that holds {@code .ci/run}, else the
   * topmost one of the folders holding a {@code pom.xml} there.
   */
  static Path repositoryRoot() {
    String fromMaven = System.getProperty("maven.multiModuleProjectDirectory");
    if (fromMaven != null && Files.isRegularFile(Path.of(fromMaven, "pom.xml"))) {
      return Path.of(fromMaven).toAbsolutePath().normalize();
    }
    Path topPom = null;
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve(".ci/run"))) {
        return at;
      }
      if (Files.isRegularFile(at.resolve("pom.xml"))) {
        topPom = at;
      } else if (topPom != null) {
        break;
      }
    }
    assertThat(topPom).as("a pom.xml at or above %s", Path.of("").toAbsolutePath()).isNotNull();
    return topPom;
  }
}

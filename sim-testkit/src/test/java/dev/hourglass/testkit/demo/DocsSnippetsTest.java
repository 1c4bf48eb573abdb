package dev.hourglass.testkit.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Docs that cannot drift: every code block in docs/ preceded by {@code <!-- snippet: PATH -->}
 * must appear, verbatim up to indentation, in the compiled source file PATH.
 */
class DocsSnippetsTest {
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  @DisplayName("every marked snippet in docs/ is copied from the compiled source it names")
  void snippetsMatchSources() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module directory
    List<Path> docs;
    try (var files = Files.list(root.resolve("docs"))) {
      docs = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    List<String> checked = new ArrayList<>();
    for (Path doc : docs) {
      Matcher m = SNIPPET.matcher(Files.readString(doc));
      while (m.find()) {
        Path source = root.resolve(m.group(1));
        assertTrue(Files.exists(source), doc + " names a missing source: " + m.group(1));
        String code = normalise(Files.readString(source));
        String snippet = normalise(m.group(2));
        assertTrue(code.contains(snippet), doc + ": snippet is not in " + m.group(1) + ":\n" + m.group(2));
        checked.add(doc.getFileName() + " <- " + m.group(1));
      }
    }
    assertFalse(checked.isEmpty(), "no snippets found: the check would pass vacuously");
  }

  private static String normalise(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
  }
}

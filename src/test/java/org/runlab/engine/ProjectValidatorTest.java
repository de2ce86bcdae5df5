package org.runlab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which file lists may run, and the refusal that names the offending file. */
class ProjectValidatorTest {
  private final ProjectValidator validator = new ProjectValidator(5, 100);

  private String refusal(String entry, String... paths) {
    List<ProjectFile> files = new ArrayList<>();
    for (String p : paths) {
      files.add(new ProjectFile(p, "x"));
    }
    return validator.refusal(files, entry).orElse("accepted");
  }

  @Test
  void acceptsNestedRelativePaths() {
    assertThat(refusal("main.py", "main.py", "pkg/__init__.py", "data/a b.csv")).isEqualTo("accepted");
  }

  @Test
  void refusesParentDirectoryParts() {
    assertThat(refusal("main.py", "main.py", "a/../../etc/passwd"))
        .isEqualTo("File 'a/../../etc/passwd' points outside the project ('..').");
  }

  @Test
  void refusesAbsolutePaths() {
    assertThat(refusal("main.py", "main.py", "/etc/passwd")).contains("'/etc/passwd'").contains("absolute");
  }

  @Test
  void refusesNulAndControlCharacters() {
    assertThat(refusal("main.py", "main.py", "a\u0000.py")).contains("'a\\u0000.py'").contains("control");
    assertThat(refusal("main.py", "main.py", "a\n.py")).contains("control");
  }

  @Test
  void refusesUnnormalisedPaths() {
    assertThat(refusal("main.py", "main.py", "./a.py")).contains("'./a.py'").contains("normalised");
    assertThat(refusal("main.py", "main.py", "a//b.py")).contains("normalised");
    assertThat(refusal("main.py", "main.py", "dir/")).contains("normalised");
  }

  @Test
  void refusesBackslashesAndDriveLetters() {
    assertThat(refusal("main.py", "main.py", "a\\b.py")).contains("'/'");
    assertThat(refusal("main.py", "main.py", "C:x.py")).contains("drive letter");
  }

  @Test
  void refusesTooManyFiles() {
    assertThat(refusal("main.py", "main.py", "a", "b", "c", "d", "e"))
        .isEqualTo("The project has 6 files; at most 5 are allowed.");
  }

  @Test
  void refusesTooManyBytesNamingTheFileThatCrossedTheLine() {
    List<ProjectFile> files =
        List.of(new ProjectFile("main.py", "x".repeat(60)), new ProjectFile("big.txt", "é".repeat(30)));
    assertThat(validator.refusal(files, "main.py"))
        .contains("The project is larger than 100 bytes (reached at 'big.txt').");
  }

  @Test
  void refusesDuplicatesAndFileFolderClashes() {
    assertThat(refusal("main.py", "main.py", "main.py")).contains("appears twice");
    assertThat(refusal("main.py", "main.py", "lib", "lib/x.py")).contains("'lib' is also used as a folder");
  }

  @Test
  void refusesAMissingOrNonPythonEntry() {
    assertThat(refusal("other.py", "main.py")).contains("'other.py' is not among");
    assertThat(refusal("data.txt", "data.txt")).contains("not a Python");
  }
}

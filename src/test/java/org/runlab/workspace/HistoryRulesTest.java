package org.runlab.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.runlab.engine.ProjectFile;

class HistoryRulesTest {
  private static Workspace work(String code) {
    return new Workspace(List.of(new ProjectFile("main.py", code)), "main.py");
  }

  @Test
  void anUnchangedAutoSaveOrRunSaveIsRedundant() {
    assertThat(HistoryRules.isRedundant(Optional.of(work("print(1)")), work("print(1)"), SnapshotReason.AUTO)).isTrue();
    assertThat(HistoryRules.isRedundant(Optional.of(work("print(1)")), work("print(1)"), SnapshotReason.RUN)).isTrue();
  }

  @Test
  void aChangedFileOrEntryIsSaved() {
    assertThat(HistoryRules.isRedundant(Optional.of(work("print(1)")), work("print(2)"), SnapshotReason.AUTO)).isFalse();
    Workspace otherEntry = new Workspace(
        List.of(new ProjectFile("main.py", "print(1)"), new ProjectFile("b.py", "")), "b.py");
    Workspace sameFiles = new Workspace(otherEntry.files(), "main.py");
    assertThat(HistoryRules.isRedundant(Optional.of(sameFiles), otherEntry, SnapshotReason.AUTO)).isFalse();
  }

  @Test
  void theFirstSaveIsNeverRedundant() {
    assertThat(HistoryRules.isRedundant(Optional.empty(), work(""), SnapshotReason.AUTO)).isFalse();
  }

  @Test
  void restoresAdoptionsAndResetsAreAlwaysWritten() {
    for (SnapshotReason r : List.of(SnapshotReason.RESTORE, SnapshotReason.ADOPT, SnapshotReason.RESET)) {
      assertThat(HistoryRules.isRedundant(Optional.of(work("x")), work("x"), r)).as(r.name()).isFalse();
    }
  }

  @Test
  void theHistoryAlwaysKeepsAtLeastTheNewestSnapshot() {
    assertThat(HistoryRules.keep(100)).isEqualTo(100);
    assertThat(HistoryRules.keep(0)).isEqualTo(1);
    assertThat(HistoryRules.keep(-5)).isEqualTo(1);
  }

  @Test
  void onlyAutoAndRunAreSavesAPageMayAskFor() {
    assertThat(List.of(SnapshotReason.values()).stream().filter(SnapshotReason::isPageSave))
        .containsExactly(SnapshotReason.AUTO, SnapshotReason.RUN);
  }

  @Test
  void filesSurviveTheirJsonFormExactly() {
    List<ProjectFile> files = List.of(
        new ProjectFile("main.py", "print('é \"quoted\" \\\\ <b>')\n"), new ProjectFile("pkg/util.py", ""));
    assertThat(Workspace.filesFromJson(Workspace.filesToJson(files).toString())).isEqualTo(files);
  }
}

package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** requirements.txt read before pip: the PEP 508 subset, per-line problems, the layer's key. */
class RequirementLinesTest {

  @Test
  void acceptsNamesExtrasVersionClausesAndMarkers() {
    RequirementLines lines = RequirementLines.parse(
        "# tools\nrequests[socks]>=2.0,<3  # http\nNumPy==1.24.*\nzope.interface~=6.0\n"
            + "tomli ; python_version < '3.11'\n\n");
    assertThat(lines.problems()).isEmpty();
    assertThat(lines.requirements()).extracting(RequirementLines.Line::name)
        .containsExactly("requests", "numpy", "zope-interface", "tomli");
    assertThat(lines.requirements().get(0).number()).isEqualTo(2);
  }

  @Test
  void givesEachBadLineItsOwnMessage() {
    RequirementLines lines = RequirementLines.parse("-e .\n--index-url x\ngit+https://h/r.git\npkg @ file:///x\n==1.0\n");
    assertThat(lines.problems()).hasSize(5);
    assertThat(lines.problems().get(0)).startsWith("requirements.txt line 1: editable installs");
    assertThat(lines.problems().get(1)).isEqualTo(
        "requirements.txt line 2: pip options such as '--index-url' are not supported on this server");
    assertThat(lines.problems().get(2)).startsWith("requirements.txt line 3: installing from a URL");
    assertThat(lines.problems().get(3)).startsWith("requirements.txt line 4: installing from a URL");
    assertThat(lines.problems().get(4)).startsWith("requirements.txt line 5: '==1.0' is not a valid requirement");
  }

  @Test
  void theSameSetHasTheSameKeyWhateverItsOrderCaseSpacingOrComments() {
    String a = RequirementLines.parse("alpha==1.0\nbeta\n").key("3.11.2");
    String b = RequirementLines.parse("# mine\nBeta\n\nalpha == 1.0   # pinned\n").key("3.11.2");
    assertThat(a).isEqualTo(b);
    assertThat(RequirementLines.parse("alpha==1.1\nbeta\n").key("3.11.2")).isNotEqualTo(a);
    assertThat(RequirementLines.parse("alpha==1.0\nbeta\n").key("3.12.1")).as("another Python").isNotEqualTo(a);
  }

  @Test
  void pipsOutputBecomesPerLineMessages() {
    RequirementLines lines = RequirementLines.parse("alpha==1.0\ngamma\nnothere\n");
    String output = String.join("\n", List.of(
        "ERROR: Could not find a version that satisfies the requirement nothere (from versions: none)",
        "ERROR: No matching distribution found for nothere"));
    assertThat(PipReport.problems(output, lines))
        .containsExactly("requirements.txt line 3: 'nothere' is not in this server's wheelhouse");
    String conflict = String.join("\n", List.of(
        "ERROR: Cannot install alpha==1.0 and gamma==1.0 because these package versions have conflicting dependencies.",
        "", "The conflict is caused by:", "    The user requested alpha==1.0", "    gamma 1.0 depends on alpha>=2",
        "", "To fix this you could try to:", "1. loosen the range of package versions you've specified"));
    assertThat(PipReport.problems(conflict, lines)).containsExactly(
        "requirements.txt line 1: 'alpha==1.0' conflicts with another requirement (The user requested alpha==1.0;"
            + " gamma 1.0 depends on alpha>=2)",
        "requirements.txt line 2: 'gamma' conflicts with another requirement (The user requested alpha==1.0;"
            + " gamma 1.0 depends on alpha>=2)");
    assertThat(PipReport.problems("ERROR: something else broke", lines))
        .containsExactly("installing the requirements failed: something else broke");
  }
}

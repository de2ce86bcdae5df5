package org.runlab.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.runlab.platform.errors.InvalidInputException;

class EnvironmentRulesTest {
  private static EnvironmentRules.Draft draft(String name, String requirements, String template) {
    return new EnvironmentRules.Draft(name, "", requirements, template);
  }

  private static void refused(EnvironmentRules.Draft d, String field, String detail) {
    assertThatThrownBy(() -> EnvironmentRules.check(d)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.detail()).contains(detail);
    });
  }

  @Test
  void takesPlainRequirementsAndKeepsComments() {
    EnvironmentRules.Draft d = EnvironmentRules.check(draft(" data-science ",
        "numpy==2.4.6\r\n# plotting\npandas >= 2.2, <3  # tables\n\nrequests[socks]~=2.32; python_version>='3.8'\n", ""));
    assertThat(d.name()).isEqualTo("data-science");
    assertThat(d.requirements()).isEqualTo(
        "numpy==2.4.6\n# plotting\npandas >= 2.2, <3  # tables\nrequests[socks]~=2.32; python_version>='3.8'");
  }

  @Test
  void aTemplateAloneIsAnEnvironmentToo() {
    assertThat(EnvironmentRules.check(draft("gpu", "", "runlab-ds-v2")).e2bTemplate()).isEqualTo("runlab-ds-v2");
  }

  @Test
  void eachBadLineIsNamedByItsNumber() {
    refused(draft("x", "numpy\n--index-url http://evil/simple", ""), "requirements", "Line 2");
    refused(draft("x", "numpy\n--index-url http://evil/simple", ""), "requirements", "pip option");
    refused(draft("x", "pkg @ https://example.org/p.whl", ""), "requirements", "URL or a file");
    refused(draft("x", "numpy\n\nnot a requirement!", ""), "requirements", "Line 3 ('not a requirement!')");
    refused(draft("x", "numpy\nNumPy>=2", ""), "requirements", "Line 2 names NumPy again (it is on line 1");
  }

  @Test
  void nameAndTemplateMustFit() {
    refused(draft("", "numpy", ""), "name", "Enter the environment's name.");
    refused(draft("Data Science", "numpy", ""), "name", "may use only lower-case letters");
    refused(draft("x", "numpy", "bad template!"), "template", "is not a template name");
    refused(draft("x", "  \n", ""), "requirements", "Give a requirements set, an E2B template, or both.");
  }
}

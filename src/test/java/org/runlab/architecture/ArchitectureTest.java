package org.runlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code: packages on floors, each importing only from the floors below it, and no
 * cycles anywhere. The floors are the ones README.md and ../shared/design/architecture.md draw.
 */
class ArchitectureTest {
  private static final String ROOT = "org.runlab";

  /** Each capability's floor; a package may use packages on lower floors only. */
  static final Map<String, Integer> FLOORS = Map.ofEntries(
      Map.entry("platform", 1),
      Map.entry("account", 2),
      Map.entry("course", 3),
      Map.entry("engine", 3),
      Map.entry("limits", 4),
      Map.entry("quota", 5),
      Map.entry("budget", 5),
      Map.entry("execution", 6),
      Map.entry("workspace", 6),
      Map.entry("reports", 7),
      Map.entry("web", 8),
      Map.entry("admin", 8));

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
  }

  @Test
  void capabilitiesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void packagesHaveNoCyclesInsideCapabilitiesEither() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void eachCapabilityUsesOnlyTheFloorsBelowIt() {
    for (Map.Entry<String, Integer> p : FLOORS.entrySet()) {
      List<String> notBelow = new ArrayList<>();
      FLOORS.forEach((other, floor) -> {
        if (!other.equals(p.getKey()) && floor >= p.getValue()) {
          notBelow.add(ROOT + "." + other + "..");
        }
      });
      noClasses().that().resideInAPackage(ROOT + "." + p.getKey() + "..")
          .should().dependOnClassesThat().resideInAnyPackage(notBelow.toArray(String[]::new))
          .because(p.getKey() + " is on floor " + p.getValue() + " and may use only lower floors")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void everyPackageIsOnAFloor() {
    noClasses().should().resideOutsideOfPackages(FLOORS.keySet().stream().map(p -> ROOT + "." + p + "..")
            .toArray(String[]::new))
        .because("a new package needs its floor in ArchitectureTest, README.md and architecture.md")
        .check(classes);
  }

  @Test
  void enginesKnowNothingOfTiersQuotasOrHttp() {
    noClasses().that().resideInAPackage(ROOT + ".engine..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".account..", "jakarta.ws.rs..", "jakarta.servlet..")
        .check(classes);
  }

  @Test
  void configurationIsReadOneWay() {
    noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".platform.AppConfig")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.microprofile.config.inject.ConfigProperty")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.microprofile.config.ConfigProvider")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.microprofile.config.spi.ConfigProviderResolver")
        .because("settings are records read from platform.AppConfig (X.from(config.get())), each default written"
            + " once, in microprofile-config.properties")
        .check(classes);
    noFields().that().areDeclaredInClassesThat().doNotHaveFullyQualifiedName(ROOT + ".platform.AppConfig")
        .should().haveRawType("org.eclipse.microprofile.config.Config")
        .because("beans inject platform.AppConfig, which finds the WAR's properties on every thread")
        .check(classes);
  }

  @Test
  void onlyTheWebLayerKnowsHttpStatuses() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".web..")
        .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
        .because("services throw domain exceptions; web.api turns them into problem+json")
        .check(classes);
  }
}

package io.slurmops.bot.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering as a test: modules depend one way (bot → adapters → commands), the domain stays free
 * of chat, SSH and JDBC libraries, and the packages inside bot form no cycle. Uses the core ArchUnit
 * library from a plain JUnit test (ArchUnit's JUnit 5 engine does not run on the JUnit 6 platform).
 */
class ArchitectureTest {

    /** Production classes of all three modules; test classes and test jars (fakes, fixtures) are left out. */
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.slurmops");

    @Test
    void allThreeModulesAreImported() {
        // Guards the rules below against passing on an empty class path.
        assertThat(PRODUCTION.containPackage("io.slurmops.commands.catalog")).isTrue();
        assertThat(PRODUCTION.containPackage("io.slurmops.adapters.store")).isTrue();
        assertThat(PRODUCTION.containPackage("io.slurmops.bot.pipeline")).isTrue();
        assertThat(PRODUCTION.containPackage("io.slurmops.testing")).isFalse();
    }

    @Test
    void botPackagesFormNoCycle() {
        slices().matching("io.slurmops.bot.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void commandsDependOnNeitherAdaptersNorBot() {
        noClasses().that().resideInAPackage("io.slurmops.commands..")
                .should().dependOnClassesThat().resideInAnyPackage("io.slurmops.adapters..", "io.slurmops.bot..")
                .check(PRODUCTION);
    }

    @Test
    void adaptersDoNotDependOnBot() {
        noClasses().that().resideInAPackage("io.slurmops.adapters..")
                .should().dependOnClassesThat().resideInAPackage("io.slurmops.bot..")
                .check(PRODUCTION);
    }

    @Test
    void commandsUseNoChatSshOrJdbcLibrary() {
        noClasses().that().resideInAPackage("io.slurmops.commands..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "net.dv8tion..",                    // JDA (Discord)
                        "com.slack.api..",                  // Slack
                        "net.schmizz..", "com.hierynomus..", // sshj
                        "java.sql..", "javax.sql..",        // JDBC
                        "okhttp3..", "org.java_websocket..", "com.google.gson..")
                .check(PRODUCTION);
    }

    /**
     * Stricter than the list above for libraries, and what the module's POM allows today: the JDK and
     * slf4j only (JDBC is part of the JDK, so the rule above is the one that keeps it out).
     */
    @Test
    void commandsUseOnlyTheJdkAndSlf4j() {
        noClasses().that().resideInAPackage("io.slurmops.commands..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.slurmops.commands..", "java..",
                        "javax.annotation..", "org.slf4j..")
                .check(PRODUCTION);
    }
}

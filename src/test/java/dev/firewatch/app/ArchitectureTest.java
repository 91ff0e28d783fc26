package dev.firewatch.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN §2 and STYLE §1, kept by the build instead of by memory. */
class ArchitectureTest {
    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.firewatch");
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("dev.firewatch.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void onlyTheCommandLineReachesTheWiring() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.firewatch.app..", "dev.firewatch.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.firewatch.app..")
                .check(main);
    }

    @Test
    void configDependsOnFeaturesNeverTheReverse() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.firewatch.config..", "dev.firewatch.app..", "dev.firewatch.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.firewatch.config..")
                .check(main);
    }

    @Test
    void aFeaturesSubPackagesAreReachedOnlyFromThatFeatureAndTheWiring() {
        classes()
                .that()
                .resideInAPackage("dev.firewatch.*.*..")
                .should(new ArchCondition<>("be used only by their own feature or app") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String feature = featureOf(item.getPackageName());
                        item.getDirectDependenciesToSelf().forEach(dependency -> {
                            String from = featureOf(dependency.getOriginClass().getPackageName());
                            if (!from.equals(feature) && !from.equals("app")) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        });
                    }
                })
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void thereIsNoStaticMutableState() {
        noFields()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage("dev.firewatch..")
                .and()
                .areStatic()
                .should()
                .notBeFinal()
                .check(main);
    }

    @Test
    void namesSayTheDomainNotThePattern() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .orShould()
                .haveSimpleNameEndingWith("Impl")
                .check(main);
    }

    /**
     * A migration {@code V<n>__<feature>_<what>.sql} may only create tables named {@code <feature>_...}, and
     * no other feature's code may name those tables: features use each other's services, never tables.
     */
    @Test
    void eachFeatureOwnsItsTablesAndNoOtherFeatureNamesThem() throws IOException {
        Pattern migrationName = Pattern.compile("V\\d+__([a-z]+)_.*\\.sql");
        Pattern createTable = Pattern.compile("(?i)CREATE TABLE\\s+(?:IF NOT EXISTS\\s+)?([a-z_]+)");
        List<String> violations = new ArrayList<>();
        List<String[]> tables = new ArrayList<>(); // {feature, table}
        for (String vendor : List.of("sqlite", "postgresql")) {
            try (Stream<Path> files = Files.list(Path.of("src/main/resources/db", vendor))) {
                for (Path file : files.toList()) {
                    Matcher name = migrationName.matcher(file.getFileName().toString());
                    assertThat(name.matches())
                            .as("migration file name %s", file)
                            .isTrue();
                    String feature = name.group(1);
                    Matcher create = createTable.matcher(Files.readString(file));
                    while (create.find()) {
                        String table = create.group(1).toLowerCase(java.util.Locale.ROOT);
                        if (!table.startsWith(feature + "_")) {
                            violations.add(file + " creates " + table + ", which is not named " + feature + "_...");
                        }
                        tables.add(new String[] {feature, table});
                    }
                }
            }
        }
        assertThat(tables).isNotEmpty();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/firewatch"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String feature = featureOf(Path.of("src/main/java")
                        .relativize(source.getParent())
                        .toString()
                        .replace('/', '.'));
                String text = Files.readString(source);
                for (String[] owned : tables) {
                    if (!owned[0].equals(feature)
                            && Pattern.compile("\\b" + owned[1] + "\\b")
                                    .matcher(text)
                                    .find()) {
                        violations.add(source + " names table " + owned[1] + " of feature " + owned[0]);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static String featureOf(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }
}

package dev.likeness.devstack.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The structure every service keeps, checked on its compiled classes: feature packages (the
 * packages right under the service's root) import each other without cycles; a resource reaches
 * another feature through its service, never its repository; and no resource answers with an
 * entity, so what a client reads is always a view the feature chose. Every event the service
 * publishes declares its CloudEvents type, and time comes from the injected clock.
 */
public final class Architecture {

    private static final String ENTITY = "jakarta.persistence.Entity";
    private static final String DOMAIN_EVENT = "dev.likeness.kit.outbox.DomainEvent";
    private static final String EVENT_TYPE = "dev.likeness.kit.outbox.EventType";

    private Architecture() {
    }

    /** Fails with every violation of the rules in the main classes under {@code root} (e.g. {@code dev.likeness.consent}). */
    public static void check(String root) {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root);
        CompositeArchRule.of(slices().matching(root + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles())
                .and(classes().that().haveSimpleNameEndingWith("Resource").should(reachOtherFeaturesThroughServices(root))
                        .allowEmptyShould(true))
                .and(classes().that().haveSimpleNameEndingWith("Resource").should(answerWithViewsNotEntities())
                        .allowEmptyShould(true))
                .and(classes().that().implement(DOMAIN_EVENT).should().beAnnotatedWith(EVENT_TYPE).allowEmptyShould(true))
                .and(noClasses().should().callMethod(OffsetDateTime.class, "now").orShould().callMethod(Instant.class, "now")
                        .orShould().callMethod(LocalDate.class, "now").orShould().callMethod(LocalDateTime.class, "now")
                        .orShould().callMethod(ZonedDateTime.class, "now")
                        .because("time comes from the injected java.time.Clock, which tests move"))
                .check(main);
    }

    private static ArchCondition<JavaClass> reachOtherFeaturesThroughServices(String root) {
        return new ArchCondition<>("reach other features through their services, not their repositories") {
            @Override
            public void check(JavaClass resource, ConditionEvents events) {
                for (Dependency dependency : resource.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.getSimpleName().endsWith("Repository") && target.getPackageName().startsWith(root)
                            && !target.getPackageName().equals(resource.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> answerWithViewsNotEntities() {
        return new ArchCondition<>("answer with views, not entities") {
            @Override
            public void check(JavaClass resource, ConditionEvents events) {
                for (JavaMethod method : resource.getMethods()) {
                    if (!method.getModifiers().contains(JavaModifier.PUBLIC)) {
                        continue;
                    }
                    for (JavaClass type : method.getReturnType().getAllInvolvedRawTypes()) {
                        if (type.isAnnotatedWith(ENTITY)) {
                            events.add(SimpleConditionEvent.violated(method,
                                    method.getFullName() + " answers with the entity " + type.getName()));
                        }
                    }
                }
            }
        };
    }
}

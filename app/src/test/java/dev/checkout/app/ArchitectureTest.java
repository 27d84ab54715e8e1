package dev.checkout.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.checkout.platform.contracts.MessageType;
import dev.checkout.platform.messaging.InboundMessage;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

/**
 * The boundaries the architecture promises, checked on the compiled code: services meet only through the records of
 * each other's {@code *-api} modules, those modules stay framework-free, domain models stay free of Spring, the
 * platform knows no service, and controllers only map HTTP to use cases.
 */
class ArchitectureTest {

    static final List<String> SERVICES = List.of("identity", "catalog", "inventory", "payment", "pricing", "cart", "order", "fulfillment", "notification", "analytics");

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.checkout");

    @Test
    void aServiceTouchesNoOtherServiceExceptThroughItsApiRecords() {
        for (String service : SERVICES) {
            serviceInternalsAreItsOwn(service).check(PRODUCTION);
        }
    }

    @Test
    void theRuleCatchesAServiceReachingIntoAnother() {
        JavaClasses violating = new ClassFileImporter().importClasses(
                dev.checkout.architecturefixture.ReachesIntoInventory.class,
                dev.checkout.inventory.InventoryServiceConfiguration.class);
        assertThat(serviceInternalsAreItsOwn("inventory").evaluate(violating).hasViolation()).isTrue();
    }

    @Test
    void apiModulesHoldPlainRecordsWithoutFrameworks() {
        classes().that().resideInAPackage("dev.checkout.*.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.checkout.*.api..", "dev.checkout.platform.contracts..")
                .check(PRODUCTION);
    }

    @Test
    void everyMessageRecordHasAWireNameOfItsOwn() {
        Map<String, List<String>> byWireName = PRODUCTION.stream()
                .filter(type -> type.isAnnotatedWith(MessageType.class))
                .collect(Collectors.groupingBy(type -> type.getAnnotationOfType(MessageType.class).value(),
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        assertThat(byWireName).as("message records by wire name").isNotEmpty()
                .allSatisfy((name, records) -> assertThat(records).as("records named " + name).hasSize(1));
    }

    @Test
    void consumersRouteByTypeNeverByTheWireNamesText() {
        noClasses().that().resideOutsideOfPackage("dev.checkout.platform.messaging..")
                .should().callMethod(InboundMessage.class, "type")
                .because("a consumer names the records it takes (MessageRoutes); a string it switches on breaks silently when a name changes")
                .check(PRODUCTION);
    }

    @Test
    void domainModelsAndTheSagaEngineDoNotDependOnSpring() {
        noClasses().that().haveFullyQualifiedName("dev.checkout.order.Order")
                .or().haveFullyQualifiedName("dev.checkout.order.OrderStatus")
                .or().haveFullyQualifiedName("dev.checkout.order.OrderEvent")
                .or().haveFullyQualifiedName("dev.checkout.inventory.Reservation")
                .or().haveFullyQualifiedName("dev.checkout.inventory.ReservationEvent")
                .or().haveFullyQualifiedName("dev.checkout.payment.Payment")
                .or().haveFullyQualifiedName("dev.checkout.payment.PaymentEvent")
                .or().resideInAPackage("dev.checkout.order.saga..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "tools.jackson..")
                .check(PRODUCTION);
    }

    @Test
    void thePlatformKnowsNoService() {
        noClasses().that().resideInAPackage("dev.checkout.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream().map(s -> "dev.checkout." + s + "..").toArray(String[]::new))
                .check(PRODUCTION);
    }

    @Test
    void controllersOnlyMapHttpToUseCases() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().areAnnotatedWith(Repository.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .check(PRODUCTION);
    }

    /** Services may know each other's published language both ways (orders and notifications do); their code, never. */
    @Test
    void serviceImplementationsHaveNoCycles() {
        slices().matching("dev.checkout.(*)..").should().beFreeOfCycles()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.checkout.*.api.."))
                .check(PRODUCTION);
    }

    private static ArchRule serviceInternalsAreItsOwn(String service) {
        return noClasses().that().resideOutsideOfPackages("dev.checkout." + service + "..", "dev.checkout.app..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are internals of the " + service + " service",
                        target -> target.getPackageName().startsWith("dev.checkout." + service)
                                && !target.getPackageName().startsWith("dev.checkout." + service + ".api")))
                .as("only the " + service + " service uses its internals");
    }
}

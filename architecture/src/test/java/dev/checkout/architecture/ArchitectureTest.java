package dev.checkout.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.checkout.platform.contracts.MessageType;
import dev.checkout.platform.core.DomainModel;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

/**
 * The boundaries the architecture promises, checked on the compiled code of every module of the build (services,
 * platform, app, bench, chaos and the system tests' classes): services meet only through the records of each other's
 * {@code *-api} modules, those modules stay framework-free, domain models stay free of Spring, the platform knows no
 * service, and controllers only map HTTP to use cases. Each rule is also shown to catch a planted violation
 * ({@code dev.checkout.architecturefixture}).
 */
class ArchitectureTest {

    static final List<String> SERVICES = List.of("identity", "catalog", "inventory", "payment", "pricing", "cart", "order", "fulfillment", "notification", "analytics");

    static final Path ROOT = Path.of(System.getProperty("checkout.root", "..")).toAbsolutePath().normalize();

    /** Every module's compiled classes but this one's; the system tests are only test classes. */
    static final JavaClasses PRODUCTION = new ClassFileImporter().importPaths(classDirectories());

    static List<Path> classDirectories() {
        try (Stream<Path> found = Files.find(ROOT, 4, (path, attributes) -> attributes.isDirectory()
                && path.getFileName().toString().equals("classes") && path.getParent().getFileName().toString().equals("target"))) {
            List<Path> directories = found.filter(path -> !path.startsWith(ROOT.resolve("architecture"))).collect(Collectors.toList());
            directories.add(ROOT.resolve("system-tests/target/test-classes"));
            return directories;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyModuleIsChecked() {
        assertThat(PRODUCTION.stream().map(JavaClass::getPackageName).map(name -> name.split("\\.")[2]).distinct())
                .contains("app", "bench", "chaos", "system", "gateway", "platform")
                .containsAll(SERVICES);
    }

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
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.checkout.*.api..", "dev.checkout.platform.contracts..",
                        "com.fasterxml.jackson.annotation..")
                .because("a published language is plain records; Jackson's annotations (no behaviour) only say an answer is read tolerantly")
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
        routedByTypeNotName().check(PRODUCTION);
    }

    private static ArchRule routedByTypeNotName() {
        return noClasses().that().resideOutsideOfPackage("dev.checkout.platform.messaging..")
                .should().callMethod(InboundMessage.class, "type")
                .because("a consumer names the records it takes (MessageRoutes); a string it switches on breaks silently when a name changes");
    }

    @Test
    void domainModelsAndTheSagaEngineDoNotDependOnSpring() {
        assertThat(PRODUCTION.stream().filter(type -> type.isAnnotatedWith(DomainModel.class))).hasSizeGreaterThan(5);
        frameworkFreeDomain().check(PRODUCTION);
    }

    @Test
    void theRulesCatchSpringInTheDomainAndAConsumerSwitchingOnATypeName() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                dev.checkout.architecturefixture.SpringInTheDomain.class, dev.checkout.architecturefixture.SwitchesOnTypeName.class);
        assertThat(frameworkFreeDomain().evaluate(planted).hasViolation()).isTrue();
        assertThat(routedByTypeNotName().evaluate(planted).hasViolation()).isTrue();
    }

    private static ArchRule frameworkFreeDomain() {
        return noClasses().that().areAnnotatedWith(DomainModel.class).or().resideInAPackage("dev.checkout.order.saga.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "tools.jackson..")
                .because("the domain model is plain Java, unit-tested without a framework");
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

    /**
     * In the order service, the saga machinery ({@code saga}, its registry, store, replies and recovery) runs the sagas
     * of the business packages without knowing them: they depend on it, never the other way round, so no cycle runs
     * through it. (The business packages themselves are not yet free of cycles between each other.)
     */
    @Test
    void theOrderServicesSagaMachineryKnowsNoBusinessPackage() {
        sagaMachineryKnowsNoBusiness().check(PRODUCTION);
    }

    @Test
    void theRuleCatchesTheSagaMachineryReachingIntoOrders() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                dev.checkout.order.saga.fixture.SagaKnowingAnOrder.class, dev.checkout.order.orders.fixture.PlantedOrder.class);
        assertThat(sagaMachineryKnowsNoBusiness().evaluate(planted).hasViolation()).isTrue();
    }

    private static ArchRule sagaMachineryKnowsNoBusiness() {
        return noClasses().that().resideInAPackage("dev.checkout.order.saga..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.checkout.order.orders..", "dev.checkout.order.checkout..",
                        "dev.checkout.order.returns..", "dev.checkout.order.flashsale..", "dev.checkout.order.clients..",
                        "dev.checkout.order.idempotency..")
                .because("the sagas belong to their business packages, which use the machinery; a machinery that knew them made a cycle");
    }

    /**
     * The reaction factory pauses between polls to gather a batch, which only work nobody waits for may do: a command
     * (every {@code *-commands} topic) is a step of a saga, and the order service's replies ({@code *-replies},
     * {@code payment-events}) move the saga on. Those listeners keep the default, never-pausing factory.
     */
    @Test
    void theSagasCommandsAndRepliesAreNeverHandledAsReactions() {
        assertThat(PRODUCTION.stream().flatMap(type -> type.getMethods().stream()).filter(method -> method.isAnnotatedWith(KAFKA_LISTENER)))
                .as("listeners found").hasSizeGreaterThan(20);
        sagaStepsNeverPause().check(PRODUCTION);
    }

    @Test
    void theRuleCatchesASagaStepHandledAsAReaction() {
        JavaClasses planted = new ClassFileImporter().importClasses(dev.checkout.architecturefixture.PausingSagaStep.class);
        assertThat(sagaStepsNeverPause().evaluate(planted).hasViolation()).isTrue();
    }

    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";

    private static ArchRule sagaStepsNeverPause() {
        return methods().that().areAnnotatedWith(KAFKA_LISTENER)
                .should(new ArchCondition<JavaMethod>("use the never-pausing factory when they take the saga's commands or replies") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        JavaAnnotation<JavaMethod> listener = method.getAnnotationOfType(KAFKA_LISTENER);
                        List<String> topics = List.of((String[]) listener.get("topics").orElse(new String[0]));
                        boolean command = topics.stream().anyMatch(topic -> topic.endsWith("-commands"));
                        boolean reply = method.getOwner().getPackageName().startsWith("dev.checkout.order.")
                                && topics.stream().anyMatch(topic -> topic.endsWith("-replies") || topic.equals("payment-events"));
                        boolean pauses = ServiceMessaging.REACTIONS.equals(listener.get("containerFactory").orElse(""));
                        if ((command || reply) && pauses) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " takes " + topics
                                    + " with the reaction factory, which pauses between polls"));
                        }
                    }
                });
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

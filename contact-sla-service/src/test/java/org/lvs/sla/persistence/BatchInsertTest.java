package org.lvs.sla.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/**
 * The consumers' JDBC inserts of new cases and victims write every mapped field as Hibernate would: an entity with
 * every field set to a value other than its default, inserted with {@link CaseRepository#insertNewCases} (or
 * {@link CaseRepository#insertNewPersons}) and read back by Hibernate, equals what was inserted, field by field,
 * for every column of the table. A field added to the entity is covered without touching the insert, and one the
 * insert could not bind fails here.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class BatchInsertTest {

    @Inject
    CaseRepository repository;

    @Inject
    EntityManager em;

    @Test
    void aNewCaseReadsBackAsItWasInserted() throws Exception {
        assertReadBackAsInserted(CaseEntity.class, "sla_case", c -> c.referralId, repository::insertNewCases);
    }

    @Test
    void aNewVictimReadsBackAsItWasInserted() throws Exception {
        assertReadBackAsInserted(PersonEntity.class, "case_person", p -> p.referralId, repository::insertNewPersons);
    }

    /** Two entities with every column filled, inserted and read back by Hibernate in a transaction rolled back. */
    private <T> void assertReadBackAsInserted(
            Class<T> type, String table, Function<T, UUID> idOf, Consumer<List<T>> insert) throws Exception {
        List<T> rows = List.of(
                filled(type.getDeclaredConstructor().newInstance(), 1),
                filled(type.getDeclaredConstructor().newInstance(), 2));
        QuarkusTransaction.begin();
        try {
            assertEquals(columnsOf(table), mapped(type).size(), "every column of " + table + " filled");
            insert.accept(rows);
            for (T inserted : rows) {
                T read = em.find(type, idOf.apply(inserted));
                assertNotNull(read, table + " row read back");
                assertSameFields(inserted, read);
            }
        } finally {
            QuarkusTransaction.rollback(); // nothing of this test stays in the tables
        }
    }

    @Test
    void nothingToInsertIsNoStatement() {
        QuarkusTransaction.begin();
        try {
            repository.insertNewCases(List.of());
            repository.insertNewPersons(List.of());
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /** Every mapped field given a value of its type other than the default, distinct per field and per {@code n}. */
    private static <T> T filled(T entity, int n) throws IllegalAccessException {
        int i = 0;
        for (Field field : mapped(entity.getClass())) {
            i++;
            Class<?> type = field.getType();
            Object value;
            if (type == UUID.class) {
                value = UUID.randomUUID();
            } else if (type == String.class) {
                value = field.getName() + "-" + n;
            } else if (type == int.class) {
                value = 100 * n + i;
            } else if (type == long.class) {
                value = 100_000L * n + i;
            } else if (type == boolean.class) {
                value = true;
            } else if (type == Instant.class) {
                value = Instant.parse("2026-03-29T00:59:59.123456Z")
                        .plus(n * 1_000L + i, ChronoUnit.MINUTES)
                        .truncatedTo(ChronoUnit.MICROS);
            } else if (type == LocalDate.class) {
                value = LocalDate.of(1980 + n, 2, 28).plusDays(i);
            } else if (type.isEnum()) {
                Object[] constants = type.getEnumConstants();
                value = constants[(n + i) % constants.length];
            } else {
                throw new AssertionError("the test cannot fill " + field + ": add its type here");
            }
            field.set(entity, value);
        }
        return entity;
    }

    private static void assertSameFields(Object expected, Object actual) throws IllegalAccessException {
        for (Field field : mapped(expected.getClass())) {
            assertEquals(field.get(expected), field.get(actual), field.getName());
        }
    }

    /**
     * The entity's persistent fields: neither static nor transient nor Hibernate's own (the build's enhancement makes
     * the declared public fields private and adds its own).
     */
    private static List<Field> mapped(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers)
                    && !Modifier.isTransient(modifiers)
                    && !field.isSynthetic()
                    && !field.getName().startsWith("$$_hibernate")) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        return fields;
    }

    private long columnsOf(String table) {
        return ((Number) em.createNativeQuery("select count(*) from information_schema.columns "
                                + "where table_schema = current_schema() and table_name = ?1")
                        .setParameter(1, table)
                        .getSingleResult())
                .longValue();
    }
}

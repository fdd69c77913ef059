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
        List<CaseEntity> cases = List.of(filled(new CaseEntity(), 1), filled(new CaseEntity(), 2));
        QuarkusTransaction.begin();
        try {
            assertEquals(columnsOf("sla_case"), mapped(CaseEntity.class).size(), "every column filled");
            repository.insertNewCases(cases);
            for (CaseEntity inserted : cases) {
                CaseEntity read = em.find(CaseEntity.class, inserted.referralId);
                assertNotNull(read, "case read back");
                assertSameFields(inserted, read);
            }
        } finally {
            QuarkusTransaction.rollback(); // nothing of this test stays in the tables
        }
    }

    @Test
    void aNewVictimReadsBackAsItWasInserted() throws Exception {
        List<PersonEntity> persons = List.of(filled(new PersonEntity(), 1), filled(new PersonEntity(), 2));
        QuarkusTransaction.begin();
        try {
            assertEquals(columnsOf("case_person"), mapped(PersonEntity.class).size(), "every column filled");
            repository.insertNewPersons(persons);
            for (PersonEntity inserted : persons) {
                PersonEntity read = em.find(PersonEntity.class, inserted.referralId);
                assertNotNull(read, "victim read back");
                assertSameFields(inserted, read);
            }
        } finally {
            QuarkusTransaction.rollback();
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

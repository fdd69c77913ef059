package org.lvs.sla.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.property.access.spi.Getter;
import org.hibernate.type.descriptor.ValueBinder;

/**
 * New rows of one entity class written with one JDBC batch, each column named, converted and bound as Hibernate maps
 * it (its own metamodel, so the entity stays the one mapping). For the consumers' new cases and victims: a profile of
 * contact-sla's intake put a fifth of its CPU in Hibernate's insert of them (its generic mutation executor looks each
 * of a row's 60 values up by column name). The entities are not made managed: the caller inserts them at the end of
 * its batch, when nothing in the transaction changes them any more.
 */
final class BatchInsert<T> {

    /** A column: its name, how Hibernate binds it, and how its value is read off an entity. */
    private record Column(String name, JdbcMapping mapping, Function<Object, Object> valueOf) {}

    private final String sql;
    private final List<Column> columns;

    private BatchInsert(String table, List<Column> columns) {
        this.columns = columns;
        this.sql = "insert into " + table + " ("
                + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") values ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The insert of this entity class; refused for a mapping it does not cover (anything but one table of basic
     * columns with a basic id), so a new kind of attribute fails here rather than being left out.
     */
    static <T> BatchInsert<T> of(SessionFactoryImplementor factory, Class<T> type) {
        EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(type);
        if (persister.getTableNames().length != 1
                || !(persister.getIdentifierMapping() instanceof BasicValuedModelPart id)) {
            throw new IllegalStateException(type.getSimpleName() + " is not one table with a basic id");
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(
                id.getSelectionExpression(), id.getJdbcMapping(), persister.getIdentifierMapping()::getIdentifier));
        persister.getAttributeMappings().forEach(attribute -> columns.add(column(type, attribute)));
        return new BatchInsert<>(persister.getTableName(), List.copyOf(columns));
    }

    /** An attribute's column, read through the attribute's own getter (not the persister's lookup by position). */
    private static Column column(Class<?> type, AttributeMapping attribute) {
        if (attribute instanceof BasicValuedModelPart column && column.isInsertable()) {
            Getter getter = attribute.getPropertyAccess().getGetter();
            return new Column(column.getSelectionExpression(), column.getJdbcMapping(), getter::get);
        }
        throw new IllegalStateException(
                type.getSimpleName() + "." + attribute.getAttributeName() + " is not a basic insertable column");
    }

    /** Inserts these new entities in the session's transaction; nothing for none. */
    void insertAll(SharedSessionContractImplementor session, Collection<T> entities) {
        if (entities.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (T entity : entities) {
                    for (int i = 0; i < columns.size(); i++) {
                        Column column = columns.get(i);
                        bind(insert, i + 1, column.mapping(), column.valueOf().apply(entity), session);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void bind(
            PreparedStatement insert,
            int index,
            JdbcMapping mapping,
            Object value,
            SharedSessionContractImplementor session)
            throws SQLException {
        ((ValueBinder<Object>) mapping.getJdbcValueBinder())
                .bind(insert, mapping.convertToRelationalValue(value), index, session);
    }
}

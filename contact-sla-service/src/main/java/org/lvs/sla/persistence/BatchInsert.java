package org.lvs.sla.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    private final String sql;
    private final EntityPersister persister;
    private final List<BasicValuedModelPart> columns;
    /** How each column's value is read off the entity (the id's through the persister), in column order. */
    private final List<Getter> getters;

    private BatchInsert(EntityPersister persister, List<BasicValuedModelPart> columns) {
        this.persister = persister;
        this.columns = columns;
        // the attribute's own getter: AttributeMapping.getValue goes through the persister's lookup by position
        this.getters = columns.stream()
                .map(c ->
                        c instanceof AttributeMapping a ? a.getPropertyAccess().getGetter() : null)
                .toList();
        this.sql = "insert into " + persister.getTableName() + " ("
                + columns.stream()
                        .map(BasicValuedModelPart::getSelectionExpression)
                        .collect(Collectors.joining(", "))
                + ") values (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
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
        List<BasicValuedModelPart> columns = new ArrayList<>();
        columns.add(id);
        persister.getAttributeMappings().forEach(attribute -> columns.add(basic(type, attribute)));
        return new BatchInsert<>(persister, List.copyOf(columns));
    }

    private static BasicValuedModelPart basic(Class<?> type, AttributeMapping attribute) {
        if (attribute instanceof BasicValuedModelPart column && column.isInsertable()) {
            return column;
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
                    bindRow(insert, entity, session);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private void bindRow(PreparedStatement insert, T entity, SharedSessionContractImplementor session)
            throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            BasicValuedModelPart column = columns.get(i);
            Getter getter = getters.get(i);
            Object value = getter != null
                    ? getter.get(entity)
                    : persister.getIdentifierMapping().getIdentifier(entity);
            bind(insert, i + 1, column.getJdbcMapping(), value, session);
        }
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

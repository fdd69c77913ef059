package org.lvs.sla.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The contacts and contact attempts of cases. */
@ApplicationScoped
public class Contacts implements PanacheRepository<ContactEntity> {

    /** A contact and the note written with it (null for none, or once erased). */
    public record WithNote(ContactEntity contact, String note) {}

    /**
     * A case's contacts by when they happened, then in the order they were recorded, each with its note, in one
     * query. The join names the case on both sides so that PostgreSQL reaches the notes by their case's index.
     */
    public List<WithNote> forCaseWithNotes(UUID referralId) {
        List<Object[]> rows = getEntityManager()
                .createQuery(
                        "select c, n.text from ContactEntity c left join NoteEntity n"
                                + " on n.referralId = c.referralId and n.refId = c.id and n.kind = 'CONTACT'"
                                + " where c.referralId = ?1 order by c.at, c.id, n.id",
                        Object[].class)
                .setParameter(1, referralId)
                .getResultList();
        // a contact with two notes comes twice: the later note counts, as it always has
        Map<Long, WithNote> byId = new LinkedHashMap<>();
        for (Object[] row : rows) {
            ContactEntity contact = (ContactEntity) row[0];
            byId.put(contact.id, new WithNote(contact, (String) row[1]));
        }
        return List.copyOf(byId.values());
    }
}

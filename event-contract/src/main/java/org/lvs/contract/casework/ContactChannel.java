package org.lvs.contract.casework;

/** How a contact was made. */
public enum ContactChannel {
    PHONE,
    TEXT,
    EMAIL,
    LETTER,
    FACE_TO_FACE,
    VIDEO
}

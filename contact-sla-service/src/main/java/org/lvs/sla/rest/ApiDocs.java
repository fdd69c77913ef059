package org.lvs.sla.rest;

/** Texts the resources' OpenAPI annotations share. */
final class ApiDocs {

    static final String PROBLEM = "application/problem+json";
    static final String BAD_REQUEST = "Invalid input: problem+json naming every bad field";
    static final String NOT_FOUND = "No case for this referral (yet: a client replaying history retries)";
    static final String CONFLICT = "The action does not fit the case's status (for example contact before screening "
            + "or consent, or any action but erasure on a CLOSED case)";
    static final String BAD_SEARCH = "Invalid filters, or a search without a reason or with too little to identify "
            + "a victim (the problem says what is needed)";
    static final String NOT_WAITING = "No request for this service is waiting to start, or the case is CLOSED";
    static final String ACTION_DONE = "The action took effect: the case as GET shows it";

    private ApiDocs() {}
}

package org.lvs.sla.service;

/**
 * Who acts: the token's subject (a user or worker id, never a free-text name: it goes into the audit trail and
 * onto cases.events) and whether they may replay history.
 */
public record Actor(String id, boolean admin) {}

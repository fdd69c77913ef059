package org.lvs.contract;

/** Roles carried in the JWT {@code groups} claim (interfaces.md, Roles). */
public final class Roles {
    public static final String REFERRER = "referrer";
    public static final String CASE_HANDLER = "case-handler";
    public static final String OPS = "ops";
    /** Everything, and historical replay ({@code receivedAt}, {@code at}). */
    public static final String ADMIN = "admin";

    private Roles() {}
}

package org.lvs.infra.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One PostgreSQL role per service, owning only its schema (README, security): a service can neither read nor
 * change another service's tables, nor create schemas of its own. The same layout as the Kubernetes CloudNativePG
 * managed roles and compose's init script; here for the embedded database of {@code ./lvs}.
 */
public final class ServiceRoles {

    /** A service's login role and the one schema it owns. */
    public record ServiceRole(String service, String role, String schema) {}

    /** The four services of the local stack. */
    public static final List<ServiceRole> LOCAL = List.of(
            new ServiceRole("referral-ingest", "lvs_ingest", "ingest"),
            new ServiceRole("triage-service", "lvs_triage", "triage"),
            new ServiceRole("contact-sla-service", "lvs_sla", "sla"),
            new ServiceRole("metrics-service", "lvs_metrics", "metrics"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServiceRoles() {}

    /**
     * The password of {@code role}, kept in {@code secretsDir/<role>.password} (owner-only), made on first use.
     * {@code ./lvs} reads the same file when it starts the service.
     */
    public static String password(Path secretsDir, String role) throws IOException {
        Files.createDirectories(secretsDir);
        Path file = secretsDir.resolve(role + ".password");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path tmp = Files.createTempFile(secretsDir, role, ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions protect it
        }
        Files.writeString(tmp, password + "\n");
        Files.move(tmp, file);
        return password;
    }

    /**
     * Makes {@code role} a login role with {@code password}, the owner of {@code schema} and of everything in it (a
     * data directory from before per-service roles had everything owned by one role), and allowed to connect to
     * {@code database}, which nobody else may connect to unless granted. Idempotent. {@code admin} is a superuser's
     * connection to {@code database}.
     */
    public static void ensure(Connection admin, String database, ServiceRole service, String password)
            throws SQLException {
        String role = quote(service.role());
        String schema = quote(service.schema());
        try (Statement s = admin.createStatement()) {
            boolean exists;
            try (PreparedStatement q = admin.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                q.setString(1, service.role());
                try (ResultSet rs = q.executeQuery()) {
                    exists = rs.next();
                }
            }
            s.execute((exists ? "alter" : "create") + " role " + role
                    + " login nosuperuser nocreatedb nocreaterole password " + literal(password));
            s.execute("revoke all on database " + quote(database) + " from public");
            s.execute("grant connect, temporary on database " + quote(database) + " to " + role);
            s.execute("create schema if not exists " + schema + " authorization " + role);
            s.execute("alter schema " + schema + " owner to " + role);
            s.execute("revoke all on schema " + schema + " from public");
            for (String statement : ownershipFixes(admin, service)) {
                s.execute(statement);
            }
        }
    }

    /** ALTER ... OWNER for every object in the schema that another role owns: relations first, then the rest. */
    private static List<String> ownershipFixes(Connection admin, ServiceRole service) throws SQLException {
        List<String> statements = new ArrayList<>();
        String relations = """
                select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and pg_get_userbyid(c.relowner) <> ?
                  and (c.relkind in ('r', 'p', 'v', 'm', 'f')
                       or (c.relkind = 'S' and not exists (select 1 from pg_depend d where d.objid = c.oid
                           and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i'))))
                order by c.relkind = 'S', c.relname""";
        try (PreparedStatement q = admin.prepareStatement(relations)) {
            q.setString(1, service.schema());
            q.setString(2, service.role());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String kind = switch (rs.getString(2)) {
                        case "v" -> "view";
                        case "m" -> "materialized view";
                        case "f" -> "foreign table";
                        case "S" -> "sequence";
                        default -> "table";
                    };
                    statements.add("alter " + kind + " " + quote(service.schema()) + "." + quote(rs.getString(1))
                            + " owner to " + quote(service.role()));
                }
            }
        }
        String routines = """
                select p.oid::regprocedure::text, p.prokind from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = ? and pg_get_userbyid(p.proowner) <> ?""";
        try (PreparedStatement q = admin.prepareStatement(routines)) {
            q.setString(1, service.schema());
            q.setString(2, service.role());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String kind = "p".equals(rs.getString(2)) ? "procedure" : "function";
                    statements.add("alter " + kind + " " + rs.getString(1) + " owner to " + quote(service.role()));
                }
            }
        }
        String types = """
                select t.oid::regtype::text, t.typtype from pg_type t join pg_namespace n on n.oid = t.typnamespace
                where n.nspname = ? and pg_get_userbyid(t.typowner) <> ? and t.typtype in ('e', 'd', 'c')
                  and (t.typrelid = 0 or (select relkind from pg_class where oid = t.typrelid) = 'c')""";
        try (PreparedStatement q = admin.prepareStatement(types)) {
            q.setString(1, service.schema());
            q.setString(2, service.role());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String kind = "d".equals(rs.getString(2)) ? "domain" : "type";
                    statements.add("alter " + kind + " " + rs.getString(1) + " owner to " + quote(service.role()));
                }
            }
        }
        return statements;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}

package org.lvs.infra.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.lvs.infra.jwt.LocalJwt;

/**
 * Points a {@code @QuarkusTest} application at the real broker and database of {@link TestInfrastructure}, and at
 * the public key of {@link TestTokens}. Put {@code @QuarkusTestResource(LvsTestResources.class)} on every
 * {@code @QuarkusTest} of a module, so the application boots once.
 */
public class LvsTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infra.kafkaBootstrap(),
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                "quarkus.datasource.username", infra.dbUser(),
                "quarkus.datasource.password", infra.dbPassword(),
                "mp.jwt.verify.publickey.location",
                        infra.publicKey().toAbsolutePath().toString(),
                "mp.jwt.verify.issuer", LocalJwt.ISSUER);
    }

    @Override
    public void stop() {
        // The broker and database outlive one application start; TestInfrastructure stops them at JVM exit.
    }

    public static String jdbcUrl() {
        return TestInfrastructure.get().jdbcUrl();
    }

    public static String dbUser() {
        return TestInfrastructure.get().dbUser();
    }

    public static String dbPassword() {
        return TestInfrastructure.get().dbPassword();
    }

    /** A new connection to the test database with the services' credentials; the caller closes it. */
    public static Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), dbUser(), dbPassword());
    }

    public static String kafkaBootstrap() {
        return TestInfrastructure.get().kafkaBootstrap();
    }
}

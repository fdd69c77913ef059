package org.lvs.infra.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.lvs.infra.jwt.LocalJwt;
import org.lvs.infra.kafka.KafkaBroker;
import org.lvs.infra.kafka.TopicSetup;
import org.lvs.infra.pg.Postgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real broker, database and token keys of one test JVM, started once and shared by every test of the module.
 *
 * <p>Kafka: {@code LVS_KAFKA_BOOTSTRAP} when set, else a Testcontainers broker where a Docker engine answers, else a
 * KRaft broker inside this JVM. PostgreSQL: {@code LVS_DB_URL} when set, else Testcontainers, else a fresh database on
 * the local server at 127.0.0.1:5432, else an embedded PostgreSQL.
 */
public final class TestInfrastructure {

    private static final Logger LOG = Logger.getLogger(TestInfrastructure.class.getName());
    private static volatile TestInfrastructure instance;

    private final String kafkaBootstrap;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final Path keyDir;
    private final LocalJwt jwt;

    private TestInfrastructure(String kafkaBootstrap, String jdbcUrl, String dbUser, String dbPassword, Path keyDir) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.keyDir = keyDir;
        try {
            this.jwt = LocalJwt.inDirectory(keyDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestInfrastructure start() {
        quietBrokerLogs();
        try {
            Path workDir = Files.createTempDirectory("lvs-test-");
            Runnable[] cleanups = new Runnable[2];
            String bootstrap = startKafka(workDir, cleanups);
            String[] db = startDatabase(workDir, cleanups);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                for (Runnable cleanup : cleanups) {
                                    if (cleanup != null) {
                                        try {
                                            cleanup.run();
                                        } catch (RuntimeException e) {
                                            LOG.warning("test infrastructure cleanup failed: " + e);
                                        }
                                    }
                                }
                                deleteRecursively(workDir);
                            },
                            "lvs-test-infra-stop"));
            TopicSetup.createAll(bootstrap, 3);
            return new TestInfrastructure(bootstrap, db[0], db[1], db[2], workDir.resolve("keys"));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the test infrastructure: " + e.getMessage(), e);
        }
    }

    /** The in-JVM broker logs thousands of lines of state changes at INFO; tests need its warnings only. */
    private static void quietBrokerLogs() {
        for (String category :
                new String[] {"kafka", "state.change.logger", "org.apache.kafka", "org.testcontainers"}) {
            java.util.logging.Logger.getLogger(category).setLevel(java.util.logging.Level.WARNING);
        }
    }

    private static String startKafka(Path workDir, Runnable[] cleanups) throws IOException {
        String configured = System.getenv("LVS_KAFKA_BOOTSTRAP");
        if (configured != null && !configured.isBlank()) {
            LOG.info("tests use the Kafka broker at " + configured);
            return configured;
        }
        if (dockerAnswers()) {
            KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
            kafka.start();
            cleanups[0] = kafka::stop;
            LOG.info("tests use a Testcontainers Kafka broker");
            return kafka.getBootstrapServers();
        }
        KafkaBroker broker = KafkaBroker.start(workDir.resolve("kafka"), freePort(), freePort());
        cleanups[0] = broker::close;
        LOG.info("tests use an in-JVM KRaft broker at " + broker.bootstrapServers());
        return broker.bootstrapServers();
    }

    /** Returns url, user, password of a database the tests own. */
    private static String[] startDatabase(Path workDir, Runnable[] cleanups) throws IOException, SQLException {
        String configured = System.getenv("LVS_DB_URL");
        if (configured != null && !configured.isBlank()) {
            LOG.info("tests use the configured database");
            return new String[] {configured, envOr("LVS_DB_USER", "lvs"), envOr("LVS_DB_PASSWORD", "lvs")};
        }
        if (dockerAnswers()) {
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine");
            pg.start();
            cleanups[1] = pg::stop;
            LOG.info("tests use a Testcontainers PostgreSQL");
            return new String[] {pg.getJdbcUrl(), pg.getUsername(), pg.getPassword()};
        }
        String database =
                "lvs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String adminUrl;
        String user = "postgres";
        String password = "postgres";
        String baseUrl;
        if (Postgres.answers("127.0.0.1", 5432, Duration.ofMillis(500))) {
            baseUrl = "jdbc:postgresql://127.0.0.1:5432/";
            LOG.info("tests use a fresh database on the local PostgreSQL at 127.0.0.1:5432");
        } else {
            int port = freePort();
            EmbeddedPostgres embedded = Postgres.startEmbedded(workDir.resolve("pg"), port);
            cleanups[1] = () -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            baseUrl = "jdbc:postgresql://127.0.0.1:" + port + "/";
            LOG.info("tests use an embedded PostgreSQL on port " + port);
        }
        adminUrl = baseUrl + "postgres";
        Postgres.ensureRoleAndDatabase(adminUrl, user, password, user, password, database);
        Runnable previous = cleanups[1];
        cleanups[1] = () -> {
            Postgres.dropDatabase(adminUrl, user, password, database);
            if (previous != null) {
                previous.run();
            }
        };
        return new String[] {baseUrl + database, user, password};
    }

    private static boolean dockerAnswers() {
        if ("false".equalsIgnoreCase(System.getenv("LVS_TESTCONTAINERS"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files only
        }
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public Path publicKey() {
        return LocalJwt.publicKey(keyDir);
    }

    public LocalJwt jwt() {
        return jwt;
    }
}

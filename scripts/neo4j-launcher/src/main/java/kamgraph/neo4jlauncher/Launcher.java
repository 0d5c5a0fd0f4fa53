package kamgraph.neo4jlauncher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs Neo4j Community embedded with the Bolt connector on 127.0.0.1.
 *
 * <p>Started by scripts/neo4j, which waits for the {@value #READY} line on stdout.
 * Configuration comes from the environment (set by that script):
 * <ul>
 *   <li>NEO4J_HOME_DIR  - Neo4j home (data/ and logs/ live below it); required</li>
 *   <li>NEO4J_BOLT_PORT - Bolt port (default 7687)</li>
 *   <li>NEO4J_PASSWORD  - password of user "neo4j" (default kamgraph-test, at least 8 chars)</li>
 *   <li>NEO4J_PAGECACHE - page cache size, e.g. 256m (default 256m)</li>
 * </ul>
 * Auth is enabled. On every start the launcher checks that user "neo4j" can log
 * in with NEO4J_PASSWORD and, if not (first start, or the password changed),
 * runs ALTER USER on the system database (embedded code may do so without
 * authenticating), so no interactive "change the initial password" step exists.
 */
public final class Launcher {
    static final String READY = "KAMGRAPH-NEO4J READY";

    private Launcher() {}

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public static void main(String[] args) throws Exception {
        String home = env("NEO4J_HOME_DIR", null);
        if (home == null) {
            System.err.println("NEO4J_HOME_DIR is not set");
            System.exit(2);
        }
        int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        String password = env("NEO4J_PASSWORD", "kamgraph-test");
        long pageCache = ByteUnit.parse(env("NEO4J_PAGECACHE", "256m"));

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(home).toAbsolutePath())
                .setUserLogProvider(new Log4jLogProvider(System.out))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // No usage reports "home" (this machine may have no network anyway).
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Test/dev instance: keep transaction logs small.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "100M size")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Bolt waits 5 s + 5 s for idle connections/threads on shutdown; a
                // test instance should stop fast (databases still checkpoint first).
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("KAMGRAPH-NEO4J shutting down");
            try {
                dbms.shutdown();
            } finally {
                System.out.println("KAMGRAPH-NEO4J stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "kamgraph-neo4j-shutdown"));

        long t1 = System.nanoTime();
        String how;
        try {
            how = setPassword(dbms, password);
        } catch (RuntimeException e) {
            System.err.println("KAMGRAPH-NEO4J failed to set the password of user neo4j: " + e.getMessage());
            System.exit(3); // runs the shutdown hook
            return;
        }

        long t2 = System.nanoTime();
        // Touch the default database (and warm up Cypher) before we say ready.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        long t3 = System.nanoTime();

        System.out.println(READY + " bolt://127.0.0.1:" + port + " pid=" + ProcessHandle.current().pid()
                + " neo4j=" + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + " startup_ms=" + ms(t0, t3) + " (dbms " + ms(t0, t1) + ", password " + how + " " + ms(t1, t2)
                + ", first query " + ms(t2, t3) + ")");
        System.out.flush();
        stopped.await();
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /**
     * Makes "neo4j"/password valid with no change required. Returns what it did.
     * Checking the current credentials goes through the AuthManager (no Cypher,
     * cheap); only when they differ is ALTER USER run on the system database.
     */
    private static String setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (loginSucceeds(system, password)) {
            return "unchanged";
        }
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            return "set";
        } catch (RuntimeException e) {
            // The password is already right but the login check failed or said
            // "change required": Neo4j refuses to re-set the same password.
            if (!String.valueOf(e.getMessage()).toLowerCase().contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            return "unchanged";
        }
    }

    private static boolean loginSucceeds(GraphDatabaseService system, String password) {
        try {
            AuthManager auth = ((GraphDatabaseAPI) system).getDependencyResolver().resolveDependency(AuthManager.class);
            LoginContext login = auth.login(
                    Map.of("scheme", "basic", "principal", "neo4j",
                            "credentials", password.getBytes(StandardCharsets.UTF_8)),
                    ClientConnectionInfo.EMBEDDED_CONNECTION);
            return login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS;
        } catch (Exception | LinkageError e) {
            // Internal API; if it moves, fall back to always running ALTER USER.
            return false;
        }
    }
}

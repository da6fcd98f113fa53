package io.slurmops.bot.reliability.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.bot.wiring.Transports;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.testing.LabCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One cell's bot: config/lab.yaml with the cell's own H2 store in a temp dir and short timeouts, the
 * real lab transport behind a {@link GateTransport}, started as {@code slurmops bot} starts it
 * (recovery and sweeping on). It can be closed and started again on the same store, as a restart.
 */
final class MatrixCell implements AutoCloseable {

    static final Set<RequestState> FINISHED = EnumSet.of(RequestState.SUCCEEDED, RequestState.FAILED,
            RequestState.STALE, RequestState.INTERRUPTED, RequestState.EXPIRED, RequestState.DENIED);

    private final Fault fault;
    private final Path state;
    private final Path configFile;
    private final SlurmopsConfig config;
    private GateTransport gate;
    private Application app;
    private Driver driver;

    MatrixCell(Fault fault, Path state) throws Exception {
        this.fault = fault;
        this.state = state;
        this.configFile = state.resolve("slurmops.yaml");
        Files.writeString(configFile, yaml(state));
        this.config = load(configFile, state);
        start();
        this.driver = fault.driver(this);
    }

    /** config/lab.yaml, with this cell's store and the short timeouts the matrix needs to stay fast. */
    static String yaml(Path state) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(LabCluster.repoRoot().resolve("config/lab.yaml").toFile());
        root.putObject("store").put("url", "jdbc:h2:file:" + state + "/store");
        ObjectNode site = (ObjectNode) root.get("site");
        site.put("slurmTimeout", "10s");                 // the shortest ConfigLoader accepts (Slurm clients retry)
        site.put("nodeTimeout", "6s");
        ((ObjectNode) root.get("ssh")).put("connectTimeout", "2s");
        ObjectNode users = (ObjectNode) root.get("access").get("users");
        users.put("slack:" + SlackDriver.ALICE, "operator");
        users.put("slack:" + SlackDriver.BOB, "approver");
        root.putObject("alerts").put("enabled", false);
        root.remove("console");
        return yaml.writeValueAsString(root);
    }

    static SlurmopsConfig load(Path configFile, Path state) throws Exception {
        return new ConfigLoader(Map.of("SLURMOPS_STATE", state.toString())).load(configFile);
    }

    /** The plan's one changing command: the node's slurmd restart, or the controller's drain. */
    static Predicate<HostCommand> changing(Fault f) {
        return f.nodeSide()
                ? c -> c.host().equals(f.node()) && c.argv().contains("restart") && c.argv().contains("slurmd")
                : c -> c.argv().contains("scontrol") && c.argv().contains("State=DRAIN");
    }

    void start() {
        gate = new GateTransport(Transports.fromConfig(config), changing(fault));
        app = Application.startLongRunning(config, gate, Clock.systemDefaultZone());
    }

    /** Stops the bot (its in-process parts), keeping the store. */
    void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    /** Starts it again on the same store, as a restarted process would be, and reattaches the chat. */
    void restart() throws Exception {
        stop();
        start();
        driver.reattach();
    }

    Application app() {
        return app;
    }

    GateTransport gate() {
        return gate;
    }

    Driver driver() {
        return driver;
    }

    Fault fault() {
        return fault;
    }

    Path state() {
        return state;
    }

    Path configFile() {
        return configFile;
    }

    Optional<RequestRecord> request(long id) {
        return app.approvals().store().transaction(tx -> tx.request(id));
    }

    List<AuditEntry> audit(long id) {
        return app.approvals().store().transaction(tx -> tx.auditOf(id));
    }

    /** Waits (bounded) until request {@code id} ended one way or another. */
    RequestRecord awaitFinished(long id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Optional<RequestRecord> r = request(id);
            if (r.isPresent() && FINISHED.contains(r.get().state())) {
                return r.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("#" + id + " never finished: " + r.map(RequestRecord::state)
                        + "; messages " + driver.messages());
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            driver.close();
        } finally {
            stop();
        }
    }
}

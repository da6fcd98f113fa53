package io.slurmops.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.StoreObserver;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The bot's metrics, the one place that knows Micrometer: the wiring hands its methods to the
 * components' small observer hooks (the pipeline, the store, the plan runner, the health watch), so
 * nothing else touches a registry. Every label value comes from a closed set — command names from the
 * catalog's grammar, outcomes and states from enums, check and platform names from the configuration
 * — never from what a person typed, and no secret ever appears.
 */
public final class BotMetrics implements AutoCloseable {

    /** Buckets for command, fan-out and store latencies: from a quick read to a slow Slurm client. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge incidents = MultiGauge.builder("slurmops.incidents.open")
            .description("Open incidents by check (probe)").register(registry);
    private volatile Supplier<Map<String, Integer>> openIncidents = Map::of;
    private JvmGcMetrics gc;

    /** JVM memory, GC, threads, classes, CPU and uptime, and the version (only where the endpoint is served). */
    public synchronized void bindJvm(String version) {
        if (gc != null) {
            return;
        }
        Gauge.builder("slurmops.build.info", () -> 1).tag("version", version)
                .description("The running slurmops version").register(registry);
        // Series that exist before their first event, so that rate() and alert rules see a 0, not nothing.
        fanOutTimer();
        alertLatencyTimer();
        for (RequestState s : new RequestState[]{RequestState.APPROVED, RequestState.DENIED, RequestState.EXPIRED,
                RequestState.CANCELLED}) {
            approvals(s);
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** A chat line handled: {@code command} is a grammar name (or "unknown"), {@code outcome} an enum's. */
    public void command(String command, String outcome, Duration took) {
        Counter.builder("slurmops.commands").description("Chat lines handled, by command and outcome")
                .tags("command", command, "outcome", outcome.toLowerCase(Locale.ROOT)).register(registry).increment();
        timer("slurmops.command.duration", "Time to handle a chat line, by command", Tags.of("command", command))
                .record(took);
    }

    /** One plan step run across its hosts (the fan-out). */
    public void fanOut(Duration took) {
        fanOutTimer().record(took);
    }

    private Timer fanOutTimer() {
        return timer("slurmops.fanout.duration", "Time to run one plan step on all its hosts", Tags.empty());
    }

    /** The first post of an incident, this long after the poll (or webhook post) that saw it began. */
    public void alertPosted(Duration latency) {
        alertLatencyTimer().record(latency);
    }

    private Timer alertLatencyTimer() {
        return timer("slurmops.alert.latency", "From the start of the poll that saw a fault to its post", Tags.empty());
    }

    /** Store transactions (latency, failures) and decided approval requests (by outcome). */
    public StoreObserver storeObserver() {
        return new StoreObserver() {
            @Override
            public void transaction(Duration took, boolean committed) {
                timer("slurmops.store.duration", "Store transaction time", Tags.of("result",
                        committed ? "committed" : "failed")).record(took);
            }

            @Override
            public void decided(RequestState to) {
                approvals(to).increment();
            }
        };
    }

    private Counter approvals(RequestState outcome) {
        return Counter.builder("slurmops.approvals").description("Approval requests decided, by outcome")
                .tag("outcome", outcome.label()).register(registry);
    }

    /** Open incidents per check, read at each scrape; {@code counts} has every check, 0 included. */
    public void openIncidents(Supplier<Map<String, Integer>> counts) {
        this.openIncidents = counts;
    }

    /** 1 while this instance holds lease {@code name} (it runs the health watch), else 0. */
    public void leaseHolder(String name, BooleanSupplier held) {
        Gauge.builder("slurmops.lease.holder", () -> held.getAsBoolean() ? 1 : 0).tag("lease", name)
                .description("1 while this instance holds the lease").register(registry);
    }

    /** Per chat platform: connected now (1/0) and reconnections since start. */
    public <T> void chat(String platform, T source, java.util.function.Predicate<T> connected,
                         ToIntFunction<T> reconnects) {
        Gauge.builder("slurmops.chat.connected", () -> connected.test(source) ? 1 : 0).tag("platform", platform)
                .description("1 while the chat connection is up").register(registry);
        FunctionCounter.builder("slurmops.chat.reconnects", source, s -> reconnects.applyAsInt(s))
                .tag("platform", platform).description("Chat reconnections since start").register(registry);
    }

    /** The Prometheus text exposition of everything above. */
    public String scrape() {
        Map<String, Integer> counts = openIncidents.get();
        incidents.register(counts.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("check", e.getKey()), e.getValue()))
                .collect(java.util.stream.Collectors.toList()), true);
        return registry.scrape();
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    @Override
    public synchronized void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}

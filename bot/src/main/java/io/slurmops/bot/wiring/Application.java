package io.slurmops.bot.wiring;

import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.Bot;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.read.ReadCommands;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Builds the bot from its configuration and owns what must be closed (connections, stores). */
public final class Application implements AutoCloseable {

    private final SlurmopsConfig config;
    private final Transport transport;
    private final Bot bot;

    private Application(SlurmopsConfig config, Transport transport, Bot bot) {
        this.config = config;
        this.transport = transport;
        this.bot = bot;
    }

    public static Application start(SlurmopsConfig config) {
        Transport transport = new TemporaryLocalTransport();
        ClusterAccess cluster = new ClusterAccess(config.site(), transport);
        AtomicReference<List<SlurmCommand>> all = new AtomicReference<>(List.of());
        List<SlurmCommand> commands = new ArrayList<>(ReadCommands.all(all::get));
        all.set(List.copyOf(commands));
        CommandCatalog catalog = new CommandCatalog(config.prefix(), commands);
        Bot bot = new Bot(catalog, cluster, KnowledgeBase.builtIn(), new Authorizer(config.access()),
                Clock.systemDefaultZone());
        return new Application(config, transport, bot);
    }

    public SlurmopsConfig config() {
        return config;
    }

    public Bot bot() {
        return bot;
    }

    @Override
    public void close() {
        transport.close();
    }
}

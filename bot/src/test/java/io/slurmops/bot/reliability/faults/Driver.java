package io.slurmops.bot.reliability.faults;

import java.util.List;

/** How a cell talks to the bot: typed lines in, every message the bot posted out. */
interface Driver extends AutoCloseable {

    /** alice asks for a change; returns the request id the bot announced. */
    long request(String line) throws Exception;

    /** bob approves request {@code id}. */
    void approve(long id) throws Exception;

    /** Every message the bot has shown so far (titles and text), in order. */
    List<String> messages();

    /** True when the bot answers a read command ({@code !slurm nodes}) within a few seconds. */
    boolean answers() throws Exception;

    /** The bot was restarted on the same store: reattach to it. */
    default void reattach() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}

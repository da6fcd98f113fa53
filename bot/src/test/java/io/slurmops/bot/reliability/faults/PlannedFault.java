package io.slurmops.bot.reliability.faults;

/**
 * A fault with its fixed parts: its name, the node its cells use, the change request typed and where
 * that plan's changing command runs. Subclasses say only how to break and heal.
 */
abstract class PlannedFault implements Fault {

    private final String name;
    private final String node;
    private final String request;
    private final boolean nodeSide;

    PlannedFault(String name, String node, String request, boolean nodeSide) {
        this.name = name;
        this.node = node;
        this.request = request;
        this.nodeSide = nodeSide;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public String request() {
        return request;
    }

    @Override
    public boolean nodeSide() {
        return nodeSide;
    }
}

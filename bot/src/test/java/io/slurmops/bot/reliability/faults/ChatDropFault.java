package io.slurmops.bot.reliability.faults;

/**
 * The chat connection dropped: the Socket Mode fake closes the TCP socket without a close handshake.
 * The Slack client must reconnect by itself; votes typed after the drop must arrive, and the result of
 * a plan that was running during the drop must be posted once (it goes out over the Web API).
 */
final class ChatDropFault implements Fault {

    private int connectionsBefore;

    @Override
    public String name() {
        return "chat connection dropped";
    }

    @Override
    public String node() {
        return "node002";
    }

    @Override
    public String request() {
        return "!slurm drain " + node() + " fault matrix: chat drop";
    }

    @Override
    public boolean nodeSide() {
        return false;
    }

    @Override
    public Driver driver(MatrixCell cell) throws Exception {
        return new SlackDriver(cell);
    }

    @Override
    public void inject(MatrixCell cell) {
        SlackDriver slack = (SlackDriver) cell.driver();
        connectionsBefore = slack.connections();
        slack.drop();
    }

    @Override
    public void heal(MatrixCell cell) throws Exception {
        SlackDriver slack = (SlackDriver) cell.driver();
        int now = slack.awaitConnected();
        if (connectionsBefore > 0 && now <= connectionsBefore) {
            throw new AssertionError("the Slack client never opened a new connection after the drop");
        }
        LabOps.resumeIfDrained(node());
    }
}

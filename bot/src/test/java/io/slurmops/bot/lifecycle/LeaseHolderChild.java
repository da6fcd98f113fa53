package io.slurmops.bot.lifecycle;

import io.slurmops.adapters.store.SlurmopsStore;

import java.time.Duration;

/**
 * A second process for {@link TakeoverLabTest}: opens the store, holds the alert lease with the given
 * ttl and renewal, prints "HOLDING token" once it leads, then renews until it is killed.
 * Arguments: url user password ttlMs renewMs.
 */
public final class LeaseHolderChild {

    private LeaseHolderChild() {
    }

    public static void main(String[] args) throws Exception {
        SlurmopsStore store = SlurmopsStore.open(args[0], args[1], args[2]);
        LeaseKeeper keeper = new LeaseKeeper(store, "alerts", "child-" + ProcessHandle.current().pid(),
                Duration.ofMillis(Long.parseLong(args[3])), Duration.ofMillis(Long.parseLong(args[4])));
        keeper.start();
        while (!keeper.holds()) {
            Thread.sleep(50);
        }
        System.out.println("HOLDING " + keeper.token().orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package io.slurmops.bot.privilege;

/** A request the root helper does not run: an unknown verb, or an argument outside what the verb allows. */
final class HelperRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    HelperRefusal(String message) {
        super(message);
    }
}

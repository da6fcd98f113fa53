package io.slurmops.commands.catalog;

/**
 * Bad input from a person: the message says what was wrong, {@link #correctForm()} how to write it.
 * The bot turns it into one clear line, never a stack trace.
 */
public class UsageException extends Exception {

    private final String correctForm;

    public UsageException(String message, String correctForm) {
        super(message);
        this.correctForm = correctForm;
    }

    public UsageException(String message) {
        this(message, null);
    }

    public String correctForm() {
        return correctForm;
    }
}

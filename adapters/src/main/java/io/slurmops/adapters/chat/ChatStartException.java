package io.slurmops.adapters.chat;

/** A chat adapter could not connect; the message names the platform and the setting to check. */
public final class ChatStartException extends RuntimeException {

    public ChatStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChatStartException(String message) {
        super(message);
    }
}

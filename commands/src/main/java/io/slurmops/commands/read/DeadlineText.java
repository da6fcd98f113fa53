package io.slurmops.commands.read;

/**
 * Text that stops a regular expression once a deadline passes: a person's --grep pattern may
 * backtrack exponentially ("(\w+\s?)+$"), and it runs on a chat worker thread that others need.
 */
final class DeadlineText implements CharSequence {

    /** Thrown from charAt when the deadline has passed; the matcher unwinds at once. */
    static final class TooSlow extends RuntimeException {
        TooSlow() {
            super("regular expression took too long", null, false, false);
        }
    }

    private final CharSequence text;
    private final long deadlineNanos;

    DeadlineText(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if (System.nanoTime() > deadlineNanos) {
            throw new TooSlow();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

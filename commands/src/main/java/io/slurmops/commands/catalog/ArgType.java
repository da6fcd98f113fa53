package io.slurmops.commands.catalog;

import java.util.Objects;

/**
 * The type of one declared argument or option value: how a typed word is checked and turned into a
 * value, and the words ({@link #noun()}, {@link #hint()}) the binder uses to say what is wrong with it.
 * The ready-made types are in {@link ArgTypes}.
 *
 * @param <T> the value commands get from the {@link Invocation}
 */
public abstract class ArgType<T> {

    private final String noun;
    private final String hint;

    protected ArgType(String noun, String hint) {
        this.noun = Objects.requireNonNull(noun, "noun");
        this.hint = hint == null ? "" : hint;
    }

    /** What a value is called in messages: "job id", "host list". */
    public final String noun() {
        return noun;
    }

    /** The accepted forms in a few words ("digits, e.g. 1234"), empty when the noun says enough. */
    public final String hint() {
        return hint;
    }

    /** The value of {@code word}, or {@link Invalid} when it is not one. */
    public abstract T convert(String word) throws Invalid;

    /**
     * The one line that says what is wrong, before the binder adds the correct form. The default shape:
     * "`12ab` is not a job id (digits, …)" for an argument, "--user takes a user name (…), not `a b`" for
     * an option, and "--state `x` is not a job state (…)" when one element of a list is wrong.
     *
     * @param option the option's name, or null for a positional argument
     */
    protected String problem(String command, String word, String option, Invalid e) {
        String h = hint.isEmpty() ? "" : " (" + hint + ")";
        String why = e.detail() == null ? "" : ": " + e.detail();
        if (option == null) {
            return "`" + e.word(word) + "` is not " + article(noun) + h + why;
        }
        if (e.element() == null && e.detail() == null) {
            return "--" + option + " takes " + article(noun) + h + ", not `" + word + "`";
        }
        return "--" + option + " `" + e.word(word) + "` is not " + article(noun) + h + why;
    }

    /** The same type under another name, e.g. a duration called "period" with its own examples. */
    public ArgType<T> as(String otherNoun, String otherHint) {
        ArgType<T> inner = this;
        return new ArgType<>(otherNoun, otherHint) {
            @Override
            public T convert(String word) throws Invalid {
                return inner.convert(word);
            }
        };
    }

    static String article(String noun) {
        // Every noun in use takes "a" ("a user name", "a host list"): no guessing from spelling.
        return "a " + noun;
    }

    @Override
    public String toString() {
        return noun;
    }

    /**
     * A word that is not a value of this type.
     *
     * @param element the part of the word that is wrong (one item of a comma-separated list), or null
     * @param detail  why, when more can be said than the type's hint (a parser's message), or null
     */
    public static final class Invalid extends Exception {
        private final String element;
        private final String detail;

        public Invalid(String element, String detail) {
            super(detail, null, false, false);
            this.element = element;
            this.detail = detail;
        }

        public Invalid() {
            this(null, null);
        }

        public static Invalid because(String detail) {
            return new Invalid(null, detail);
        }

        public String element() {
            return element;
        }

        public String detail() {
            return detail;
        }

        String word(String whole) {
            return element == null ? whole : element;
        }
    }
}

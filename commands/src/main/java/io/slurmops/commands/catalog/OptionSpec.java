package io.slurmops.commands.catalog;

/**
 * A named option a command accepts, e.g. {@code --lines N} or the flag {@code --force}.
 *
 * @param valueName the placeholder shown in usage ("N", "USER"); null for a flag
 * @param type      what the value accepts; null for a flag
 */
public record OptionSpec(String name, String valueName, String description, ArgType<?> type) {

    public static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, description, null);
    }

    /** An option whose value is any word. */
    public static OptionSpec value(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, description, ArgTypes.word());
    }

    /** An option whose value the binder checks and converts, e.g. {@code --lines N} as a bounded number. */
    public static OptionSpec value(String name, String valueName, ArgType<?> type, String description) {
        return new OptionSpec(name, valueName, description, type);
    }

    public boolean takesValue() {
        return valueName != null;
    }

    public String usage() {
        return takesValue() ? "[--" + name + " " + valueName + "]" : "[--" + name + "]";
    }
}

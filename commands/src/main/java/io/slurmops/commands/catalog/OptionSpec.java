package io.slurmops.commands.catalog;

/**
 * A named option a command accepts, e.g. {@code --lines N} or the flag {@code --force}.
 *
 * @param valueName the placeholder shown in usage ("N", "USER"); null for a flag
 */
public record OptionSpec(String name, String valueName, String description) {

    public static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, description);
    }

    public static OptionSpec value(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, description);
    }

    public boolean takesValue() {
        return valueName != null;
    }

    public String usage() {
        return takesValue() ? "[--" + name + " " + valueName + "]" : "[--" + name + "]";
    }
}

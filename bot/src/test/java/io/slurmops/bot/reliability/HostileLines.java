package io.slurmops.bot.reliability;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.Param;
import io.slurmops.commands.catalog.SlurmCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of chat lines: valid commands of the real catalog's grammar, the same with one
 * word made hostile, and plain hostile lines (unicode and control characters, 100 kB lines, shell
 * metacharacters, malformed and huge host lists, out-of-range ids, Slack and Discord markup).
 */
final class HostileLines {

    enum Kind { VALID, MUTATED, UNICODE, HUGE, SHELL, HOSTLIST, IDS, SLACK, DISCORD, UNADDRESSED }

    record Line(Kind kind, String text) {
    }

    static final List<String> NODES = List.of("node001", "node002", "node003", "node004");

    private static final String[] SHELL = {";", "|", "&&", "||", "`reboot`", "$(reboot)", "${IFS}", ">/etc/passwd",
        "<", "&", "'", "\"", "\\", "*", "?", "~root", "!!", "$HOME", "a;b", "node001;reboot", "node001|sh",
        "node001`id`", "node00$(id)", "--", "-rf", "--help=$(id)", "\n", "\r\n", "\t", "#", "%n%n%n"};
    private static final String[] HOSTLISTS = {"node[1-99999999]", "node[0-4294967296]", "node[[1-2]]",
        "node[1-2", "node1-2]", "node[]", "node[,]", "node[4-1]", "node[001-004]]", "node[a-z]", "node[-1-2]",
        "[001-004]", "node[001-004],", ",node001", "node[001-004]x[1-9999]", "n[1-9][1-9][1-9][1-9][1-9]",
        "node[001-004,006-999999]", "node[01-1000000000000000000000]", "node999", "node000", "gpu[01-04]",
        "node[001-004]" + "[1-2]".repeat(40), "node" + "[".repeat(200), "NODE001", "node001,node001",
        "../../etc", "node001/../", "node[001-002" + ",003".repeat(2000) + "]"};
    private static final String[] IDS = {"0", "-1", "99999999999", "4294967296", "1e9", "0x10", "1_", "_1",
        "1+", "1_99999999", "+1", "１２３", "12 34", "18446744073709551616", "NaN", "1.5", "#1", "#-1",
        "#99999999999999999999", "9".repeat(400)};
    private static final String[] SLACK = {"<@U0123ABC>", "<@U0123ABC|alice>", "<http://evil.example|node001>",
        "<https://x.example/$(id)|click>", "&amp;", "&lt;node001&gt;", "<!channel>", "<!here>", "<#C0123|ops>",
        "<mailto:a@b.example|a>", "*bold*", "_it_", "~strike~", "`code`", "```block```", ":white_check_mark:"};
    private static final String[] DISCORD = {"<@123456789012345678>", "<@!123456789012345678>", "<#987654321>",
        "<@&5555>", "<:emoji:1234>", "**bold**", "__u__", "||spoiler||", "> quote", "```sh\nrm -rf /\n```",
        "@everyone", "@here", "~~s~~", "[link](http://evil.example)"};
    private static final int[] ODD_CHARS = {0, 1, 7, 8, 0x1b, 0x7f, 0x85, 0xa0, 0x200b, 0x200e, 0x202e, 0x2028,
        0x2029, 0xfeff, 0xfffd, 0xd800, 0xdfff, 0x1f600, 0x10ffff, 0x0301, 0xff01};

    private final Random rnd;
    private final CommandCatalog catalog;
    private final List<CommandSpec> specs = new ArrayList<>();

    HostileLines(long seed, CommandCatalog catalog) {
        this.rnd = new Random(seed);
        this.catalog = catalog;
        catalog.commands().stream().map(SlurmCommand::spec).forEach(specs::add);
    }

    Line next() {
        int r = rnd.nextInt(100);
        Kind kind = r < 30 ? Kind.VALID : r < 50 ? Kind.MUTATED : Kind.values()[2 + rnd.nextInt(Kind.values().length - 2)];
        if (kind == Kind.HUGE && rnd.nextInt(4) != 0) {
            kind = Kind.UNICODE;                    // keep 100 kB lines to about 1 % of the total
        }
        return new Line(kind, line(kind));
    }

    private String line(Kind kind) {
        String p = catalog.prefix() + " ";
        return switch (kind) {
            case VALID -> p + valid(spec());
            case MUTATED -> p + mutated(spec());
            case UNICODE -> p + (rnd.nextBoolean() ? spec().name() + " " : "") + unicode(1 + rnd.nextInt(80));
            case HUGE -> p + spec().name() + " " + huge();
            case SHELL -> p + spec().name() + " " + pick(SHELL) + (rnd.nextBoolean() ? pick(NODES) + pick(SHELL) : "");
            case HOSTLIST -> p + spec().name() + " " + pick(HOSTLISTS) + (rnd.nextBoolean() ? " reason" : "");
            case IDS -> p + spec().name() + " " + pick(IDS);
            case SLACK -> p + spec().name() + " " + pick(SLACK) + " " + pick(SLACK);
            case DISCORD -> p + spec().name() + " " + pick(DISCORD) + " " + pick(DISCORD);
            case UNADDRESSED -> unicode(1 + rnd.nextInt(40)) + " " + valid(spec());
        };
    }

    private CommandSpec spec() {
        return specs.get(rnd.nextInt(specs.size()));
    }

    /** A line the grammar accepts: each required argument (and sometimes an optional one) a good value of its type. */
    String valid(CommandSpec s) {
        StringBuilder b = new StringBuilder(s.name());
        for (Param param : s.params()) {
            if (param.required() || rnd.nextBoolean()) {
                b.append(' ').append(goodValue(param.type().noun()));
            }
        }
        for (OptionSpec o : s.options()) {
            if (rnd.nextInt(4) == 0) {
                b.append(" --").append(o.name());
                if (o.takesValue()) {
                    b.append(' ').append(goodValue(o.type() == null ? "word" : o.type().noun()));
                }
            }
        }
        return b.toString();
    }

    private String mutated(CommandSpec s) {
        String[] words = valid(s).split(" ");
        int i = words.length == 1 ? 0 : 1 + rnd.nextInt(words.length - 1);
        words[i] = hostileWord();
        return String.join(" ", words);
    }

    private String goodValue(String noun) {
        return switch (noun) {
            case "host list" -> pick(List.of("node001", "node[001-002]", "node[001-004]", "node003,node004"));
            case "host" -> pick(NODES);
            case "job id", "job" -> String.valueOf(1000 + rnd.nextInt(50));
            case "duration" -> pick(List.of("30m", "2h", "1d"));
            case "text" -> pick(List.of("disk failing", "bad DIMM; replace", "maintenance window 12:00", "gpu xid 79"));
            case "valid regular expression" -> pick(List.of("error", "node00[1-2]", "timeout.*"));
            default -> noun.startsWith("whole number") ? String.valueOf(1 + rnd.nextInt(3))
                    : pick(List.of("debug", "alice", "normal", "root", "1"));
        };
    }

    private String hostileWord() {
        return switch (rnd.nextInt(6)) {
            case 0 -> pick(SHELL);
            case 1 -> pick(HOSTLISTS);
            case 2 -> pick(IDS);
            case 3 -> pick(SLACK);
            case 4 -> pick(DISCORD);
            default -> unicode(1 + rnd.nextInt(12));
        };
    }

    private String unicode(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(3) == 0 ? ODD_CHARS[rnd.nextInt(ODD_CHARS.length)] : rnd.nextInt(0x3000);
            if (Character.isBmpCodePoint(c)) {
                b.append((char) c);         // lone surrogates too: chat platforms do send broken text
            } else {
                b.appendCodePoint(c);
            }
        }
        return b.toString();
    }

    private String huge() {
        String unit = switch (rnd.nextInt(4)) {
            case 0 -> "node001,";
            case 1 -> "a";
            case 2 -> "node[1-9]";
            default -> "; $(reboot) ";
        };
        return unit.repeat(100_000 / unit.length());
    }

    private String pick(String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    private String pick(List<String> from) {
        return from.get(rnd.nextInt(from.size()));
    }
}

package io.slurmops.bot.incidents;

import io.slurmops.commands.catalog.ArgType;

/** Declared incidents show as INC-12; commands accept INC-12, inc-12 or 12. */
final class IncidentIds {

    private IncidentIds() {
    }

    static String tag(long id) {
        return "INC-" + id;
    }

    static ArgType<Long> type() {
        return new ArgType<>("declared incident", "like INC-12") {
            @Override
            public Long convert(String w) throws ArgType.Invalid {
                String digits = w.regionMatches(true, 0, "INC-", 0, 4) ? w.substring(4) : w;
                if (!digits.matches("\\d{1,18}") || Long.parseLong(digits) == 0) {
                    throw new ArgType.Invalid();
                }
                return Long.parseLong(digits);
            }
        };
    }
}

package io.slurmops.bot.escalation;

import io.slurmops.bot.config.Identity;
import io.slurmops.bot.config.People;
import io.slurmops.commands.reply.Block;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A people group ({@code groups:}) as a chat mention: its platform group ids, else its members' ids. */
final class Mentions {

    private final People people;
    private final Map<String, Map<String, String>> groupIds;

    Mentions(People people, Map<String, Map<String, String>> groupIds) {
        this.people = people;
        this.groupIds = groupIds;
    }

    Block.Mention of(String group) {
        List<String> members = people.groups().getOrDefault(group, List.of());
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (String person : members) {
            for (Identity id : people.persons().getOrDefault(person, List.of())) {
                users.computeIfAbsent(id.platform(), p -> new ArrayList<>()).add(id.id());
            }
        }
        return new Block.Mention(group, groupIds.getOrDefault(group, Map.of()), users, members);
    }
}

package io.slurmops.bot.config;

import io.slurmops.commands.catalog.Role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code people:}, {@code groups:} and {@code access:}. Every key must say which platform it
 * belongs to (or name a person): a bare {@code U0123} or {@code alice} is refused with the way to
 * write it, because a bare id cannot tell Slack's alice from the console's.
 */
final class AccessLoader {

    private static final String PERSON_NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private AccessLoader() {
    }

    static AccessConfig load(Node top) {
        People people = people(top.child("people"), top.child("groups"));
        Node n = top.child("access");
        n.allowOnly(Set.of("users", "channels"));
        Map<String, Role> users = roles(n.child("users"), people);
        Map<String, Map<String, Role>> channels = new HashMap<>();
        n.child("channels").children().forEach((channel, c) -> {
            c.allowOnly(Set.of("users"));
            channels.put(channel, roles(c.child("users"), people));
        });
        return new AccessConfig(users, channels, people);
    }

    private static People people(Node n, Node groupsNode) {
        Map<String, List<Identity>> persons = new LinkedHashMap<>();
        Map<Identity, String> owner = new HashMap<>();
        n.keys().forEach(person -> {
            if (!person.matches(PERSON_NAME)) {
                n.problem(person, "a person's name is letters, digits, '.', '_' or '-' (e.g. alice)");
                return;
            }
            List<Identity> ids = new ArrayList<>();
            for (String key : n.strings(person, List.of())) {
                Identity id = Identity.parse(key).orElse(null);
                if (id == null) {
                    n.problem(person, "`" + key + "` is not an identity; " + Identity.howToWrite(key));
                } else if (owner.containsKey(id)) {
                    n.problem(person, "`" + key + "` is already " + owner.get(id) + "'s; an identity is one person's");
                } else {
                    owner.put(id, person);
                    ids.add(id);
                }
            }
            persons.put(person, ids);
        });
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groupsNode.keys().forEach(group -> {
            List<String> members = groupsNode.strings(group, List.of());
            members.stream().filter(m -> !persons.containsKey(m)).forEach(m -> groupsNode.problem(group,
                    "`" + m + "` is not a person under people:; a group lists people by name"));
            groups.put(group, members);
        });
        return new People(persons, groups);
    }

    private static Map<String, Role> roles(Node n, People people) {
        Map<String, Role> out = new LinkedHashMap<>();
        n.stringMap().forEach((key, role) -> {
            if (Identity.parse(key).isEmpty() && !people.knows(key)) {
                n.problem(key, "`" + key + "` is not qualified; " + Identity.howToWrite(key)
                        + ", or name a person listed under people:");
                return;
            }
            Role.parse(role).ifPresentOrElse(r -> out.put(key, r),
                    () -> n.problem(key, "`" + role + "` is not a role; expected viewer, operator, approver or admin"));
        });
        return out;
    }
}

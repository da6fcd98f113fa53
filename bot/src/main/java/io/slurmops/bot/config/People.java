package io.slurmops.bot.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is who across platforms: person → their identities (alice is {@code slack:U01ALICE} and
 * {@code discord:1001} and {@code console:alice}), and named groups of people (for on-call).
 * The approval rules work on the person: a requester cannot approve their own request from another
 * platform, and one person voting from two platforms counts once.
 */
public record People(Map<String, List<Identity>> persons, Map<String, List<String>> groups) {

    public People {
        persons = Map.copyOf(persons);
        groups = Map.copyOf(groups);
    }

    public static People none() {
        return new People(Map.of(), Map.of());
    }

    /** The person owning this identity, when one is listed. */
    public Optional<String> personOf(Identity who) {
        return Optional.ofNullable(index().get(who));
    }

    public boolean knows(String person) {
        return persons.containsKey(person);
    }

    private Map<Identity, String> index() {
        Map<Identity, String> out = new HashMap<>();
        persons.forEach((person, ids) -> ids.forEach(id -> out.put(id, person)));
        return out;
    }
}

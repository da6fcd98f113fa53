package io.slurmops.bot.runbook;

import io.slurmops.commands.runbook.Location;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.RunbookProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the built-in runbooks (on the classpath under {@code runbooks/}, listed in
 * {@code runbooks/index}; the sources are {@code config/runbooks/}) and a site's own from a
 * configured directory. A file that does not parse or validate is refused with FILE:LINE and the
 * reason; the others still load. A site runbook may not reuse a built-in's name: it would silently
 * change what an approver thinks they approve.
 */
public final class RunbookLoader {

    static final String BUILT_IN_INDEX = "runbooks/index";

    /** The runbooks that loaded, by name, and every refusal. */
    public record Loaded(Map<String, Runbook> runbooks, List<RunbookProblem> refused) {
        public Loaded {
            runbooks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runbooks));
            refused = List.copyOf(refused);
        }
    }

    private RunbookLoader() {
    }

    /** The built-ins, then the site directory's {@code *.yaml} files (none when {@code siteDir} is null). */
    public static Loaded load(Path siteDir) {
        Map<String, Runbook> out = new LinkedHashMap<>();
        List<RunbookProblem> refused = new ArrayList<>();
        for (String file : builtInFiles()) {
            add(out, refused, RunbookYaml.read("builtin:" + file, resource("runbooks/" + file)));
        }
        if (siteDir != null) {
            for (Path p : yamlFiles(siteDir, refused)) {
                try {
                    add(out, refused, RunbookYaml.read(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    refused.add(new RunbookProblem(Location.unknown(p.toString()), "io", "cannot read: " + e.getMessage()));
                }
            }
        }
        return new Loaded(out, refused);
    }

    private static void add(Map<String, Runbook> out, List<RunbookProblem> refused, RunbookYaml.Result r) {
        r.runbook().ifPresentOrElse(rb -> {
            Runbook earlier = out.putIfAbsent(rb.name(), rb);
            if (earlier != null) {
                refused.add(new RunbookProblem(rb.source(), "duplicate-name",
                        "runbook `" + rb.name() + "` is already defined by " + earlier.source().file()));
            }
        }, () -> refused.addAll(r.problems()));
    }

    private static List<Path> yamlFiles(Path dir, List<RunbookProblem> refused) {
        if (!Files.isDirectory(dir)) {
            refused.add(new RunbookProblem(Location.unknown(dir.toString()), "io", "runbook directory does not exist"));
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            refused.add(new RunbookProblem(Location.unknown(dir.toString()), "io", "cannot list: " + e.getMessage()));
            return List.of();
        }
    }

    static List<String> builtInFiles() {
        return resource(BUILT_IN_INDEX).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String resource(String name) {
        try (InputStream in = RunbookLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in runbook resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in runbook resource " + name, e);
        }
    }
}

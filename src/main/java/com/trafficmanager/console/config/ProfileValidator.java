package com.trafficmanager.console.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@link ProfileForm} with the settings loader's own rules ({@link ProfileReader}), plus the
 * one rule across profiles: names are unique. Cheap and pure (no secret is read, no file touched), so
 * the editor runs it on every keystroke.
 */
public final class ProfileValidator {
    private final Path settingsDir;
    private final Path home;

    public ProfileValidator(Path settingsDir) {
        this(settingsDir, Path.of(System.getProperty("user.home")));
    }

    ProfileValidator(Path settingsDir, Path home) {
        this.settingsDir = settingsDir.toAbsolutePath().normalize();
        this.home = home;
    }

    /** @param otherNames the names of the other profiles of the file */
    public ProfileCheck check(ProfileForm form, Collection<String> otherNames) {
        Problems problems = new Problems();
        var json = form.toJson(problems);
        Optional<Profile> profile = new ProfileReader(problems, settingsDir, home).read(json, 0);
        String name = form.name().strip();
        if (otherNames.contains(name)) {
            String rule = "is already the name of another profile";
            problems.add("name", rule, "profile " + Section.quote(name) + ": name " + rule);
        }
        List<Problems.Problem> list = problems.list();
        return new ProfileCheck(list.isEmpty() ? profile : Optional.empty(), list);
    }

    /** The outcome: the profile when the form is valid, else the problems. */
    public static final class ProfileCheck {
        private final Optional<Profile> profile;
        private final List<Problems.Problem> problems;

        ProfileCheck(Optional<Profile> profile, List<Problems.Problem> problems) {
            this.profile = profile;
            this.problems = List.copyOf(problems);
        }

        public Optional<Profile> profile() {
            return profile;
        }

        public boolean valid() {
            return profile.isPresent();
        }

        /** Every problem as a full sentence, as the loader reports it. */
        public List<String> messages() {
            return problems.stream().map(Problems.Problem::text).toList();
        }

        /**
         * The problems of one field ({@code jdbc.url}, {@code kafka.properties}...), one per line: the
         * rule alone, or for a key below the field (a Kafka property) the rest of the key and the rule.
         */
        public String forField(String field) {
            List<String> lines = new ArrayList<>();
            for (Problems.Problem p : problems) {
                if (p.key().equals(field)) {
                    lines.add(p.rule());
                } else if (p.key().startsWith(field + ".")) {
                    lines.add(p.key().substring(field.length() + 1) + " " + p.rule());
                }
            }
            return String.join("\n", lines);
        }

        /** The problems that belong to none of {@code fields}, for the form's general message line. */
        public List<String> otherThan(Collection<String> fields) {
            List<String> rest = new ArrayList<>();
            for (Problems.Problem p : problems) {
                boolean shown = fields.stream().anyMatch(f -> p.key().equals(f) || p.key().startsWith(f + "."));
                if (!shown) {
                    rest.add(p.text());
                }
            }
            return rest;
        }

        /** Field -> its problems, for tests and logs. */
        public Map<String, String> byField(Collection<String> fields) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String f : fields) {
                String text = forField(f);
                if (!text.isEmpty()) {
                    map.put(f, text);
                }
            }
            return map;
        }
    }
}

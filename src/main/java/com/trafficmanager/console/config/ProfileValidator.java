package com.trafficmanager.console.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@link ProfileForm} with the settings loader's own rules ({@link ProfileReader}), plus the
 * one rule across profiles: names are unique. {@link #check} is cheap and pure (no secret is read, no
 * file touched), so the editor runs it on every keystroke; {@link #checkSecretFiles} looks for the
 * secret files, so the editor runs it on Save only.
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

    /**
     * Whether the secret files of a valid profile exist, before it is saved. Any text is a valid
     * relative path, so a secret pasted into a file field passes {@link #check}; saving it would write
     * the secret into the settings file. A secret file that does not exist is refused, and its path is
     * quoted only when the operator evidently meant a path ({@link SecretPaths#mayShow}).
     *
     * <p>A file that one of {@code saved} already names is not looked for: that reference is in the
     * settings file already, and a profile whose file is missing here for now (a secret mounted only
     * while it is needed, a settings file copied from another workstation before its secret files) must
     * not keep the operator from saving other edits.
     *
     * <p>Touches the file system (one look per secret file): run it off the JavaFX thread.
     *
     * @param profile a profile of a valid {@link #check}
     * @param saved   the profiles the settings file holds now
     * @return the profile when every secret file that is new exists (or cannot be told not to), else
     *         one problem per missing file, under its key ({@code jdbc.passwordFile},
     *         {@code kafka.secretFile.ssl.keystore.password}...)
     */
    public ProfileCheck checkSecretFiles(Profile profile, Collection<Profile> saved) {
        Set<String> known = new HashSet<>();
        for (Profile p : saved) {
            for (SecretRef ref : p.secrets()) {
                if (ref.source() == SecretRef.Source.FILE) {
                    known.add(ref.location());
                }
            }
        }
        Problems problems = new Problems();
        for (SecretRef ref : profile.secrets()) {
            if (ref.source() != SecretRef.Source.FILE || known.contains(ref.location())) {
                continue;
            }
            // notExists, not !exists: a file that cannot be looked at (a directory this user may not
            // search) is left for the connection to report; only a file known to be missing is refused
            if (Files.notExists(Path.of(ref.location()))) {
                String rule = "must name an existing file: " + (ref.locationShown()
                        ? ref.location() + " does not exist"
                        : "the file it names does not exist (not shown: a name without a directory may be the secret itself)");
                problems.add(ref.setting(), rule, "profile " + Section.quote(profile.name()) + ": " + ref.setting() + " " + rule);
            }
        }
        List<Problems.Problem> list = problems.list();
        return new ProfileCheck(list.isEmpty() ? Optional.of(profile) : Optional.empty(), list);
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

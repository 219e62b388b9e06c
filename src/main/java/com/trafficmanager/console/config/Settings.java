package com.trafficmanager.console.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated content of the settings file: the profiles, and the one chosen last time.
 *
 * <p>The built-in {@link Profile#sandbox()} is always available: {@link #choices()} lists it first
 * unless the file defines its own profile named {@code sandbox} (which must then be of type sandbox).
 *
 * @param profiles    the profiles of the file, in file order
 * @param lastProfile the profile chosen last time; may name a profile that is gone since, see
 *                    {@link #initialProfile()}
 */
public record Settings(List<Profile> profiles, Optional<String> lastProfile) {
    public static final Settings EMPTY = new Settings(List.of(), Optional.empty());

    public Settings {
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(lastProfile, "lastProfile");
        Set<String> names = new HashSet<>();
        for (Profile profile : profiles) {
            if (!names.add(profile.name())) {
                throw new IllegalArgumentException("profile '" + profile.name() + "' is defined twice");
            }
        }
    }

    /** The profiles an operator can choose from: the file's, with the built-in sandbox first if missing. */
    public List<Profile> choices() {
        if (profiles.stream().anyMatch(p -> p.name().equals(Profile.SANDBOX_NAME))) {
            return profiles;
        }
        List<Profile> all = new ArrayList<>();
        all.add(Profile.sandbox());
        all.addAll(profiles);
        return List.copyOf(all);
    }

    public Optional<Profile> profile(String name) {
        return choices().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The profile to start with: the last chosen one if it still exists, else the sandbox. */
    public Profile initialProfile() {
        return lastProfile.flatMap(this::profile).orElseGet(() -> profile(Profile.SANDBOX_NAME).orElseThrow());
    }

    public Settings withLastProfile(String name) {
        return new Settings(profiles, Optional.of(name));
    }
}

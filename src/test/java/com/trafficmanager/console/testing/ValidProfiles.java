package com.trafficmanager.console.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.ProfileForm;
import com.trafficmanager.console.config.ProfileValidator;
import java.nio.file.Path;
import java.util.List;

/** A profile as the editor would save it: the form is checked as the editor checks it, and must pass. */
public final class ValidProfiles {
    private ValidProfiles() {
    }

    /** @param dir the settings directory the form's relative paths are read against */
    public static Profile of(Path dir, ProfileForm form) {
        var check = new ProfileValidator(dir).check(form, List.of());
        assertThat(check.messages()).as("the form's problems").isEmpty();
        return check.profile().orElseThrow();
    }
}

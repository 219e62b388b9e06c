package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.trafficmanager.console.testing.CapturedLog;
import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.ProfileForm;
import com.trafficmanager.console.config.SettingsException;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.testing.ValidProfiles;
import com.trafficmanager.console.ui.common.ErrorDialogs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password pasted into a profile's "Password: file" field is a valid relative path; connecting then
 * fails on the missing file before any server is asked, and what the console shows of that failure (the
 * start-up screen's reasons, the error dialog with its stack trace, which is also what the start-up failure
 * logs) and what it logs meanwhile must not carry the pasted text.
 */
class SecretFileNeverShownTest {
    private static final String SECRET = "hunter2-Secret!";

    @RegisterExtension
    final CapturedLog log = new CapturedLog("com.trafficmanager");

    @TempDir
    Path dir;

    @Test
    void connectingSaysWhichFieldNamesAMissingFileWithoutShowingOrLoggingIt() {
        ProfileForm form = new ProfileForm("leaky", true, "jdbc:postgresql://127.0.0.1:1/traffic", "console", "", SECRET,
                "127.0.0.1:1", "", "", "", "redis://127.0.0.1:1", "", "", "", "route-events", "", "prod", false, "");
        Profile profile = ValidProfiles.of(dir, form);

        Throwable failed = catchThrowable(() -> SessionStarter.connect(profile, Map.of(), SandboxListener.NONE));

        assertThat(failed).isInstanceOf(SettingsException.class)
                .hasMessage("profile 'leaky': jdbc.password: file named in jdbc.passwordFile (not shown: a name"
                        + " without a directory may be the secret itself) does not exist");
        // the start-up screen shows the errors; the dialog and the start-up failure's log line, the stack trace
        assertThat(String.join("\n", ((SettingsException) failed).errors())).doesNotContain(SECRET);
        assertThat(ErrorDialogs.text(failed)).contains("jdbc.passwordFile").doesNotContain(SECRET);
        assertThat(profile.toString()).doesNotContain(SECRET);
        for (ILoggingEvent event : log.events()) {
            assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
            if (event.getThrowableProxy() != null) {
                assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).doesNotContain(SECRET);
            }
        }
    }
}

package com.trafficmanager.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** What an operator reads when a file could not be written: what went wrong, then where. */
class FailureTextTest {
    @Test
    void aFileSystemErrorSaysWhatWentWrongNotOnlyThePath() {
        assertThat(FailureText.of(new AccessDeniedException("/srv/exports/.audit.csv123.part")))
                .isEqualTo("permission denied: /srv/exports/.audit.csv123.part");
        assertThat(FailureText.of(new NoSuchFileException("/gone/audit.csv"))).isEqualTo("no such file or folder: /gone/audit.csv");
        assertThat(FailureText.of(new FileSystemException("/a.part", "/a.csv", "No space left on device")))
                .isEqualTo("No space left on device: /a.part -> /a.csv");
        assertThat(FailureText.of(new IOException("disk full"))).isEqualTo("disk full");
        assertThat(FailureText.of(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}

package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noArgumentsOpensTheConsole() throws Exception {
        CommandLine cli = CommandLine.parse();
        assertThat(cli.mode()).isEqualTo(CommandLine.Mode.CONSOLE);
        assertThat(cli.fresh()).isFalse();
        assertThat(cli.dataDir()).isEmpty();
    }

    @Test
    void sandboxWithDataDirAndFresh() throws Exception {
        CommandLine cli = CommandLine.parse("sandbox", "--data-dir", "/tmp/x", "--fresh");
        assertThat(cli.mode()).isEqualTo(CommandLine.Mode.SANDBOX);
        assertThat(cli.dataDir()).contains(Path.of("/tmp/x"));
        assertThat(cli.fresh()).isTrue();
    }

    @Test
    void benchTakesScenarioNames() throws Exception {
        CommandLine cli = CommandLine.parse("bench", "floors", "startup");
        assertThat(cli.mode()).isEqualTo(CommandLine.Mode.BENCH);
        assertThat(cli.scenarios()).isEqualTo(List.of("floors", "startup"));
    }

    @Test
    void smokeAndHelp() throws Exception {
        assertThat(CommandLine.parse("--smoke", "--fresh").mode()).isEqualTo(CommandLine.Mode.SMOKE);
        assertThat(CommandLine.parse("--help").mode()).isEqualTo(CommandLine.Mode.HELP);
        assertThat(CommandLine.USAGE).contains("sandbox", "bench", "--smoke", "--data-dir", "--fresh");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> CommandLine.parse("--data-dir")).hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> CommandLine.parse("--frsh")).hasMessage("unknown argument '--frsh'; see --help");
        assertThatThrownBy(() -> CommandLine.parse("bench", "nope"))
                .hasMessageStartingWith("unknown benchmark scenario 'nope'; known: floors");
        assertThatThrownBy(() -> CommandLine.parse("sandbox", "bench"))
                .hasMessage("'bench' cannot be combined with sandbox");
        assertThatThrownBy(() -> CommandLine.parse("--data-dir", "", "--fresh"))
                .hasMessage("--data-dir needs a value, got an empty one");
        assertThatThrownBy(() -> CommandLine.parse("--config-dir", " "))
                .hasMessage("--config-dir needs a value, got an empty one");
    }

    @Test
    void anOptionTheModeWouldNotUseIsRefusedNotIgnored() {
        assertThatThrownBy(() -> CommandLine.parse("--smoke", "--profile", "staging"))
                .hasMessage("'--profile' cannot be combined with --smoke (it always runs on the sandbox)");
        assertThatThrownBy(() -> CommandLine.parse("sandbox", "--profile", "staging"))
                .hasMessage("'--profile' cannot be combined with sandbox");
        assertThatThrownBy(() -> CommandLine.parse("sandbox", "--config-dir", "/tmp/c"))
                .hasMessage("'--config-dir' cannot be combined with sandbox");
        assertThatThrownBy(() -> CommandLine.parse("bench", "floors", "--data-dir", "/fast"))
                .hasMessage("'--data-dir' cannot be combined with bench (it runs on a fresh sandbox of its own)");
        assertThatThrownBy(() -> CommandLine.parse("bench", "--fresh"))
                .hasMessage("'--fresh' cannot be combined with bench (it runs on a fresh sandbox of its own)");
    }
}

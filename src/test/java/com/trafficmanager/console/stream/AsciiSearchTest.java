package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Live filter's free text searched in the raw bytes: the same answers as lower-casing the decoded
 * text, and "unsure" (decode it) only where the bytes cannot tell.
 */
class AsciiSearchTest {
    private static AsciiSearch.Answer find(String value, String needle) {
        return AsciiSearch.find(value.getBytes(StandardCharsets.UTF_8), AsciiSearch.needle(needle));
    }

    @Test
    void asciiTextIsFoundInAnyCaseAnywhere() {
        assertThat(find("{\"tenant\":\"Team-A\"}", "team-a")).isEqualTo(AsciiSearch.Answer.FOUND);
        assertThat(find("TEAM-A", "team-a")).isEqualTo(AsciiSearch.Answer.FOUND);
        assertThat(find("xx team-a", "team-a")).as("at the very end").isEqualTo(AsciiSearch.Answer.FOUND);
        assertThat(find("t", "t")).isEqualTo(AsciiSearch.Answer.FOUND);
        assertThat(find("tenant:tenants", "tenants")).as("after a near miss").isEqualTo(AsciiSearch.Answer.FOUND);
        assertThat(find("caf\u00e9 team-a", "team-a")).as("other characters around it")
                .isEqualTo(AsciiSearch.Answer.FOUND);
        assertThat(find("a[b]c{d}", "[b]c{")).isEqualTo(AsciiSearch.Answer.FOUND);
    }

    @Test
    void asciiTextNotThereIsAbsentOnlyWhenTheValueIsAllAscii() {
        assertThat(find("{\"tenant\":\"team-b\"}", "team-a")).isEqualTo(AsciiSearch.Answer.ABSENT);
        assertThat(find("team", "team-a")).as("needle longer than the value").isEqualTo(AsciiSearch.Answer.ABSENT);
        assertThat(find("", "a")).isEqualTo(AsciiSearch.Answer.ABSENT);
        assertThat(find("@[`{", "`")).as("case folds letters only").isEqualTo(AsciiSearch.Answer.FOUND);
        assertThat(find("@", "`")).isEqualTo(AsciiSearch.Answer.ABSENT);
        assertThat(find("team-b caf\u00e9", "team-a")).isEqualTo(AsciiSearch.Answer.UNSURE);
        assertThat(find("\u00e9", "team-a")).as("short value, other characters").isEqualTo(AsciiSearch.Answer.UNSURE);
        assertThat(find("team-b \u00e9", "team-b \u00e9".substring(0, 7))).isEqualTo(AsciiSearch.Answer.FOUND);
    }

    @Test
    void onlyLowerCaseAsciiNeedlesAreSearchedInBytes() {
        assertThat(AsciiSearch.needle("team-a 1")).containsExactly("team-a 1".getBytes(StandardCharsets.US_ASCII));
        assertThat(AsciiSearch.needle("stra\u00dfe")).isNull();
        assertThat(AsciiSearch.needle("Team")).isNull();
    }

    private static boolean text(String filterText, byte[] value) {
        return new EventFilter("", "", "", "", "", filterText, "", false).compile()
                .test(new TailEvent(0, 0, 0, "k", value, null));
    }

    @Test
    void theFilterAnswersAsTheDecodedLowerCasedTextWould() {
        byte[] kelvin = "{\"x\":\"\u212Aey\"}".getBytes(StandardCharsets.UTF_8); // the Kelvin sign lower-cases to k
        assertThat("\u212Aey".toLowerCase(java.util.Locale.ROOT)).isEqualTo("key");
        assertThat(text("key", kelvin)).as("found in the decoded text only").isTrue();
        assertThat(text("KEY", kelvin)).isTrue();
        assertThat(text("kex", kelvin)).isFalse();
        byte[] broken = {'{', (byte) 0xC3, 'A', 'b', '}'}; // a lead byte without its continuation, then "Ab"
        assertThat(text("ab", broken)).isTrue();
        assertThat(text("ba", broken)).isFalse();
        assertThat(text("caf\u00c9", "{\"s\":\"Caf\u00e9\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(text("svc", null)).as("a tombstone has no text").isFalse();
        assertThat(text("k", null)).as("but its key").isTrue();
    }
}

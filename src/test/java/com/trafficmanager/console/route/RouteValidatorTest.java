package com.trafficmanager.console.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validation rules as a view model uses them: pure, all errors at once, exact messages. */
class RouteValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "team-a", "0", "a1-b2", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123"})
    void acceptsDnsLabels(String name) {
        assertThat(RouteValidator.checkName("tenant", name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2", "v2.1", "v10.25"})
    void acceptsVersions(String version) {
        assertThat(RouteValidator.checkVersion(version)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://a", "https://pay.example.com/v2", "HTTPS://x.example:8443/p?q=1#f",
            "http://10.0.0.1:8080/", "http://[::1]:80/x", "https://xn--bcher-kva.example/"})
    void acceptsHttpUrls(String url) {
        assertThat(RouteValidator.checkUrl(url)).isEmpty();
    }

    @Test
    void theMessageNamesFieldRuleAndValue() {
        assertThat(RouteValidator.checkName("tenant", "Team A")).get().extracting(FieldError::message)
                .isEqualTo("tenant must be lowercase letters, digits and '-' (1-63 chars, no leading or trailing '-'),"
                        + " got 'Team A'");
        assertThat(RouteValidator.checkVersion("V2")).get().extracting(FieldError::message).asString()
                .startsWith("version must look like 'v2' or 'v2.1'").endsWith("got 'V2'");
        assertThat(RouteValidator.checkUrl("x".repeat(2_049))).get().extracting(FieldError::message)
                .isEqualTo("url must be at most 2,048 characters, got 2,049");
    }

    @Test
    void returnsAllFieldErrorsAtOnce() {
        List<FieldError> errors = RouteValidator.validateNewRoute("", "Pay", "-prod", "2", "ftp://x");
        assertThat(errors).extracting(FieldError::field).containsExactly("tenant", "service", "env", "version", "url");
        assertThat(errors).extracting(FieldError::rule).containsExactly("required", "pattern", "pattern", "pattern",
                "scheme");
        Map<String, String> byField = RouteValidator.messagesByField(errors);
        assertThat(byField.keySet()).containsExactly("tenant", "service", "env", "version", "url");
        assertThat(byField.get("url")).isEqualTo("url must use http or https, got scheme 'ftp'");
    }

    @Test
    void lookAlikesAreShownEscaped() {
        // Cyrillic 'а' (U+0430) in place of Latin 'a'
        assertThat(RouteValidator.checkName("tenant", "te\u0430m")).get().extracting(FieldError::message).asString()
                .endsWith("got 'te\\u0430m'");
    }

    @Test
    void credentialsAreNeverEchoed() {
        FieldError e = RouteValidator.checkUrl("https://admin:s3cret@pay.example.com/").orElseThrow();
        assertThat(e.rule()).isEqualTo("credentials");
        assertThat(e.message()).doesNotContain("s3cret").doesNotContain("admin").contains("https://***@pay.example.com/");
    }

    @Test
    void throwingFormCarriesEveryError() {
        assertThatThrownBy(() -> RouteValidator.requireValid(RouteValidator.validateKey("A", "b", "c", "v1.")))
                .isInstanceOf(RouteValidationException.class)
                .satisfies(t -> assertThat(((RouteValidationException) t).errors()).extracting(FieldError::field)
                        .containsExactly("tenant", "version"));
    }
}

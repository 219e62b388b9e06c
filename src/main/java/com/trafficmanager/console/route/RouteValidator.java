package com.trafficmanager.console.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for route names and URLs (DESIGN.md "Data model"), pure and stateless so that a view model
 * can show inline messages as the operator types, and the service can refuse the same input with the
 * same words.
 *
 * <p>Every message names the field and the rule and quotes what was given. Quoted values are made
 * visible, not trusted: characters outside printable ASCII are shown as {@code \}{@code uXXXX} (so a
 * Cyrillic look-alike cannot pass for a Latin letter on screen), long values are cut, and a URL's
 * credentials are never echoed.
 */
public final class RouteValidator {
    public static final int MAX_NAME_LENGTH = 63;
    public static final int MAX_URL_LENGTH = 2048;

    // ASCII only: Java's [a-z0-9] never matches non-ASCII letters or digits.
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern VERSION = Pattern.compile("v[0-9]{1,9}(\\.[0-9]{1,9})?");
    private static final String NAME_RULE =
            "lowercase letters, digits and '-' (1-63 chars, no leading or trailing '-')";
    private static final int SHOWN_CHARS = 60;

    private RouteValidator() {
    }

    /** All errors of a new route's fields, in field order; empty when valid. */
    public static List<FieldError> validateNewRoute(String tenant, String service, String env, String version,
                                                    String url) {
        List<FieldError> errors = validateKey(tenant, service, env, version);
        checkUrl(url).ifPresent(errors::add);
        return errors;
    }

    public static List<FieldError> validateKey(String tenant, String service, String env, String version) {
        List<FieldError> errors = new ArrayList<>();
        checkName("tenant", tenant).ifPresent(errors::add);
        checkName("service", service).ifPresent(errors::add);
        checkName("env", env).ifPresent(errors::add);
        checkVersion(version).ifPresent(errors::add);
        return errors;
    }

    public static List<FieldError> validateKey(RouteKey key) {
        return validateKey(key.tenant(), key.service(), key.env(), key.version());
    }

    /** The errors by field name, first error per field, in field order: what a form binds to. */
    public static Map<String, String> messagesByField(List<FieldError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.putIfAbsent(e.field(), e.message()));
        return byField;
    }

    /** Throws {@link RouteValidationException} with all the errors, if there are any. */
    public static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new RouteValidationException(errors);
        }
    }

    /** A tenant, service or env name: a lowercase DNS label. */
    public static Optional<FieldError> checkName(String field, String value) {
        if (value == null || value.isEmpty()) {
            return error(field, "required", field + " is required (" + NAME_RULE + ")");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            return error(field, "length", field + " must be at most " + MAX_NAME_LENGTH + " characters ("
                    + NAME_RULE + "), got " + value.length() + " characters: " + show(value));
        }
        if (!NAME.matcher(value).matches()) {
            return error(field, "pattern", field + " must be " + NAME_RULE + ", got " + show(value));
        }
        return Optional.empty();
    }

    public static Optional<FieldError> checkVersion(String value) {
        if (value == null || value.isEmpty()) {
            return error("version", "required", "version is required (like 'v2' or 'v2.1')");
        }
        if (!VERSION.matcher(value).matches()) {
            return error("version", "pattern", "version must look like 'v2' or 'v2.1' (a lowercase 'v', a number, "
                    + "optionally '.' and a number), got " + show(value));
        }
        return Optional.empty();
    }

    /** An absolute http(s) URL of at most 2,048 characters, without spaces and without credentials. */
    public static Optional<FieldError> checkUrl(String value) {
        if (value == null || value.isEmpty()) {
            return error("url", "required", "url is required (an absolute http or https URL)");
        }
        if (value.length() > MAX_URL_LENGTH) {
            return error("url", "length", String.format(Locale.ROOT,
                    "url must be at most %,d characters, got %,d", MAX_URL_LENGTH, value.length()));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return error("url", "whitespace", "url must not contain spaces or control characters "
                        + "(percent-encode them), got " + show(redactCredentials(value)));
            }
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7e) {
                return error("url", "ascii", "url must contain only ASCII characters (use punycode for host names "
                        + "and percent-encoding elsewhere), got " + show(redactCredentials(value)));
            }
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return error("url", "syntax", "url must be a valid absolute http or https URL (" + e.getReason()
                    + " at index " + e.getIndex() + "), got " + show(redactCredentials(value)));
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return error("url", "absolute", "url must be absolute, starting with http:// or https://, got "
                    + show(redactCredentials(value)));
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            return error("url", "scheme", "url must use http or https, got scheme " + show(scheme));
        }
        // also without "//" ("http:user:pw@host"), where URI sees no authority at all
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))
                || lastAtBeforePath(value) >= 0) {
            return error("url", "credentials", "url must not contain a user name or password (user:password@), got "
                    + show(redactCredentials(value)));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return error("url", "host", "url must name a host (http://host/...), got " + show(redactCredentials(value)));
        }
        return Optional.empty();
    }

    private static Optional<FieldError> error(String field, String rule, String message) {
        return Optional.of(new FieldError(field, rule, message));
    }

    /**
     * Replaces whatever stands between the scheme (and the slashes after it) and the last "@" before the
     * path with "***": {@code https://***@example.com/}, and {@code http:***@host} without the slashes.
     */
    static String redactCredentials(String url) {
        int at = lastAtBeforePath(url);
        if (at < 0) {
            return url;
        }
        int start = afterSchemeAndSlashes(url);
        return url.substring(0, start) + "***" + url.substring(at);
    }

    /**
     * The index of the last "@" between the scheme's colon (and the slashes after it) and the path, query
     * or fragment; -1 if none.
     */
    private static int lastAtBeforePath(String url) {
        int start = afterSchemeAndSlashes(url);
        if (start < 0) {
            return -1;
        }
        int end = url.length();
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        return at >= start ? at : -1;
    }

    private static int afterSchemeAndSlashes(String url) {
        int colon = url.indexOf(':');
        if (colon < 0) {
            return -1;
        }
        int start = colon + 1;
        while (start < url.length() && url.charAt(start) == '/') {
            start++;
        }
        return start;
    }

    /** The value in quotes, non-printable and non-ASCII characters escaped, cut after 60 characters. */
    static String show(String value) {
        StringBuilder b = new StringBuilder("'");
        int limit = Math.min(value.length(), SHOWN_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('\'');
        if (value.length() > SHOWN_CHARS) {
            b.append("... (").append(value.length()).append(" chars)");
        }
        return b.toString();
    }
}

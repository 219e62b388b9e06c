package com.trafficmanager.console.route;

/**
 * One refused input: the field ({@code tenant}, {@code service}, {@code env}, {@code version},
 * {@code url}), a short rule id a view model can switch on ({@code required}, {@code pattern},
 * {@code length}, {@code scheme}, ...), and the message to show, which names both.
 */
public record FieldError(String field, String rule, String message) {
}

package com.trafficmanager.console.route;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The input broke one or more rules; every broken rule is listed, field by field. */
public final class RouteValidationException extends RouteServiceException {
    private final List<FieldError> errors;

    public RouteValidationException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> messagesByField() {
        return RouteValidator.messagesByField(errors);
    }
}

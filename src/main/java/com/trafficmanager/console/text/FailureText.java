package com.trafficmanager.console.text;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failure as an operator reads it, in a dialog, a status line or a settings message. A file system error's message is often only the path (an
 * {@link AccessDeniedException} says {@code /dir/file} and nothing else): it gets what went wrong first.
 */
public final class FailureText {
    private FailureText() {
    }

    public static String of(Throwable e) {
        if (e instanceof FileSystemException f) {
            String what = f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof NoSuchFileException ? "no such file or folder"
                    : f instanceof NotDirectoryException ? "not a folder"
                    : f instanceof FileAlreadyExistsException ? "already exists"
                    : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            return what + ": " + f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The messages of the cause chain, outermost first, joined with ": " (a cause whose message the text
     * holds already is left out): a wrapper such as Kafka's "Failed to construct kafka consumer" says why
     * only in its cause.
     */
    public static String chain(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage() == null ? null : c.getMessage().strip();
            if (message != null && !message.isEmpty() && out.indexOf(message) < 0) {
                if (out.length() > 0) {
                    out.append(": ");
                }
                out.append(message);
            }
        }
        return out.length() == 0 ? t.getClass().getSimpleName() : out.toString();
    }
}

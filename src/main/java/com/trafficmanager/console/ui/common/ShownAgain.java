package com.trafficmanager.console.ui.common;

/** A tab's content that wants to know when the operator comes back to it (to search again, say). */
public interface ShownAgain {
    void shownAgain();
}

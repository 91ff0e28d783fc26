package dev.firewatch.web;

/** A page that says what went wrong and what to do, for people; the API gets {@link ApiError}. */
public record ErrorPage(Frame frame, int status, String message) {}

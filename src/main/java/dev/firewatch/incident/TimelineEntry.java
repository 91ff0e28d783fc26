package dev.firewatch.incident;

import java.time.Instant;

/** One thing that happened to an incident, in words a responder reads at 3 a.m. */
public record TimelineEntry(Instant at, String kind, String text, String actor) {}

package dev.firewatch.oncall;

import java.time.Instant;

/** A stretch of time when nobody is on call: a page then reaches no one. */
public record Gap(Instant start, Instant end) {}

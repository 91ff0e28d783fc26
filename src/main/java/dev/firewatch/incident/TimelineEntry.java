package dev.firewatch.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One thing that happened to an incident, in words a responder reads at 3 a.m.
 *
 * @param id where the entry stands in the timeline, for paging; not part of the API's shape
 */
public record TimelineEntry(@JsonIgnore String id, Instant at, String kind, String text, String actor) {}

package dev.firewatch.alert;

import java.time.Instant;
import java.util.List;

/**
 * One page of the alerts list, newest first.
 *
 * @param older the cursor of the next page, or null when there are no older alerts to look at
 * @param searchedBackTo set when a label search stopped at its bound ({@link Alerts#LABEL_SCAN} alerts) before
 *     it filled the page: how far back it looked, so the page can say so and offer to search further
 */
public record AlertPage(List<Alert> alerts, String older, Instant searchedBackTo) {}

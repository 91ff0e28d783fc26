package dev.firewatch.paging;

import dev.firewatch.notify.Notification;

/** Links for one recipient of a notification: the incident page and one-click acknowledge and resolve links. */
@FunctionalInterface
public interface LinkMaker {
    Notification.Links links(String incidentId, long number, String recipient);
}

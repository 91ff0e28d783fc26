package dev.firewatch.incident;

import java.time.Instant;

/**
 * What a one-click link's token says, once its signature checked out.
 *
 * @param recipient who the link was sent to (a user or a channel): they become the actor
 * @param hash the SHA-256 of the whole token, under which its use is recorded
 */
record LinkToken(LinkAction action, String incidentId, long number, String recipient, Instant expiresAt, String hash) {
    /** How the timeline names who acted: the link names them, nobody signed in. */
    String actor() {
        return recipient + " via link";
    }
}

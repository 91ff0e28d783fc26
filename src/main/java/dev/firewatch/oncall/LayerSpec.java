package dev.firewatch.oncall;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One layer of a schedule: people who take turns, in order.
 *
 * @param name for people; {@code layer 1} and so on when the config gives none
 * @param users who takes each turn, in order; the list starts again after the last
 * @param start the first handoff, wall-clock time in {@code zone}: {@code users[0]} goes on call then, and every
 *     handoff after it is one {@link Rotation} later
 * @param end when the layer stops putting anyone on call, if it does: so a rotation can change from a date on
 *     without reshuffling the turns before it
 * @param restrictions when the layer may put someone on call; empty means at all times
 */
public record LayerSpec(
        String name,
        List<String> users,
        Rotation rotation,
        LocalDateTime start,
        Optional<LocalDateTime> end,
        ZoneId zone,
        List<Restriction> restrictions) {
    public LayerSpec {
        users = List.copyOf(users);
        restrictions = List.copyOf(restrictions);
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a layer needs at least one user");
        }
    }
}

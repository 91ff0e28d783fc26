package dev.firewatch.auth;

import dev.firewatch.web.Viewer;
import io.javalin.http.Context;
import java.util.Optional;

/** Who is making the current request, as the access gate found them. */
public sealed interface Caller {
    String ATTRIBUTE = "firewatch.caller";

    /** Their role, or empty when nobody is signed in. */
    Optional<Role> role();

    /** How the audit log and timelines name them. */
    Actor actor();

    /** The person a page is drawn for, or null when the caller is not a signed-in browser. */
    default Viewer viewer() {
        return null;
    }

    record Anonymous(String address) implements Caller {
        @Override
        public Optional<Role> role() {
            return Optional.empty();
        }

        @Override
        public Actor actor() {
            return new Actor("anonymous", address);
        }
    }

    record SignedIn(Sessions.Session session, String address) implements Caller {
        @Override
        public Optional<Role> role() {
            return Optional.of(session.role());
        }

        @Override
        public Actor actor() {
            return Actor.user(session.userName(), address);
        }

        @Override
        public Viewer viewer() {
            return new Viewer(session.userName(), session.role().wireName(), session.csrfToken());
        }
    }

    record KeyHolder(ApiKey key, String address) implements Caller {
        @Override
        public Optional<Role> role() {
            return Optional.of(key.role());
        }

        @Override
        public Actor actor() {
            return new Actor("key:" + key.prefix(), address);
        }

        /** Pages work with a key too; it needs no CSRF token, since a browser never sends it by itself. */
        @Override
        public Viewer viewer() {
            return new Viewer("key:" + key.prefix(), key.role().wireName(), "");
        }
    }

    /** The caller of the request being handled; the gate sets it before any handler runs. */
    static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        return caller != null ? caller : new Anonymous(ctx.ip());
    }
}

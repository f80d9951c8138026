package vn.chiso.security;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/** A sign-in refused, right password or not, because its user or address failed too often (see {@link LoginThrottle}). */
final class SignInLocked extends LockedException {

    private final Duration remaining;

    SignInLocked(Duration remaining) {
        super("too many failed sign-ins: locked for " + minutes(remaining) + " more min");
        this.remaining = remaining;
    }

    /** Whole minutes left, rounded up: "1" for the last few seconds, never "0". */
    long minutes() {
        return minutes(remaining);
    }

    long seconds() {
        return Math.max(1, (remaining.toMillis() + 999) / 1000);
    }

    private static long minutes(Duration remaining) {
        return Math.max(1, (remaining.toSeconds() + 59) / 60);
    }
}

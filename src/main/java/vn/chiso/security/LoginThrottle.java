package vn.chiso.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins counted per user name and per client address: {@code maxFailures} of one name, or
 * {@code maxFailuresPerAddress} from one address, lock it for {@code lock}, during which even the right
 * password is refused. A successful sign-in forgets its user's failures, not its address's, so that one
 * valid account cannot reset an address that is guessing others'. Kept in memory: a restart, or another
 * instance, starts counting afresh, which slows a guesser down as much as it needs (5 guesses per
 * quarter of an hour and instance) without a write per attempt. The maps are bounded, so that a flood
 * of made-up names cannot fill the heap.
 */
final class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** Failures since the last success or lock; {@code lockedUntil} is set once they reach the limit. */
    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    private final SecurityProperties.SignIn settings;
    private final Cache<String, Failures> users;
    private final Cache<String, Failures> addresses;
    private volatile Clock clock = Clock.systemUTC();

    LoginThrottle(SecurityProperties properties) {
        this.settings = properties.signIn();
        this.users = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(settings.lock().multipliedBy(2)).build();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(settings.lock().multipliedBy(2)).build();
    }

    /** How long the user or the address is still locked, or null when neither is. */
    Duration lockedFor(String user, String address) {
        Instant now = clock.instant();
        Instant until = later(lockedUntil(users.getIfPresent(user), now), lockedUntil(address == null ? null : addresses.getIfPresent(address), now));
        return until == null ? null : Duration.between(now, until);
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        Failures byUser = users.asMap().compute(user, (k, f) -> next(f, now, settings.maxFailures()));
        Failures byAddress = address == null ? null : addresses.asMap().compute(address, (k, f) -> next(f, now, settings.maxFailuresPerAddress()));
        log.warn("sign-in failed: user '{}' from {} ({} of {} for the user, {} of {} for the address)", Shown.of(user), address,
                byUser.count(), settings.maxFailures(), byAddress == null ? 0 : byAddress.count(), settings.maxFailuresPerAddress());
        if (byUser.lockedUntil() != null || byAddress != null && byAddress.lockedUntil() != null) {
            log.warn("sign-in locked for {} min: {}", settings.lock().toMinutes(), byUser.lockedUntil() != null
                    ? "user '" + Shown.of(user) + "'" : "address " + address);
        }
    }

    void succeeded(String user) {
        users.invalidate(user);
    }

    private Failures next(Failures failures, Instant now, int max) {
        boolean forgotten = failures == null || failures.lockedUntil() != null
                || failures.last().plus(settings.lock()).isBefore(now);
        int count = forgotten ? 1 : failures.count() + 1;
        return new Failures(count, now, count >= max ? now.plus(settings.lock()) : null);
    }

    private static Instant lockedUntil(Failures failures, Instant now) {
        return failures == null || failures.lockedUntil() == null || !failures.lockedUntil().isAfter(now) ? null : failures.lockedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Tests advance time rather than wait for it. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** Tests start with no failures counted. */
    void forgetAll() {
        users.invalidateAll();
        addresses.invalidateAll();
    }
}

package vn.chiso.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt, remembering for a few minutes the (stored hash, password) pairs that matched: HTTP Basic sends
 * the password with every request, and a bcrypt check per request held a script to ~20 requests a
 * second on two cores (docs/performance.md). The pairs are kept as an HMAC under a key made at start,
 * never as the password or a plain digest of it; a changed hash in users.yml is a different pair, and a
 * failure is never remembered, so the throttle still sees every wrong guess.
 */
final class RecentPasswords implements PasswordEncoder {

    private final PasswordEncoder bcrypt;
    private final Cache<String, Boolean> matched;
    private final SecretKeySpec key;

    RecentPasswords(PasswordEncoder bcrypt, java.time.Duration remembered) {
        this.bcrypt = bcrypt;
        this.matched = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(remembered).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence raw) {
        return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return bcrypt.matches(raw, encoded);
        }
        String pair = mac(encoded + '\u0000' + raw);
        if (matched.getIfPresent(pair) != null) {
            return true;
        }
        boolean matches = bcrypt.matches(raw, encoded);
        if (matches) {
            matched.put(pair, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
        return bcrypt.upgradeEncoding(encoded);
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

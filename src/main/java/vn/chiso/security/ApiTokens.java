package vn.chiso.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * API tokens for scripts (table {@code api_token}): "chiso_" and 32 random bytes in base64url, shown
 * once when made; only their SHA-256 is kept. A token acts as its user, with the roles and units
 * users.yml gives that user at the time of the call.
 */
@Component
public class ApiTokens {

    static final String PREFIX = "chiso_";

    /** A token as its user's page lists it; {@code revokedAt} null while it works. */
    public record Token(long id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    /** A token just made: its secret is shown this once. */
    public record Created(long id, String name, String secret) {
    }

    private static final int NAME_LENGTH = 100;

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Created create(String user, String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > NAME_LENGTH || label.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a token needs a name of 1 to " + NAME_LENGTH + " characters, e.g. the script that uses it");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Long id = jdbc.queryForObject("INSERT INTO api_token (user_name, name, token_sha256) VALUES (?, ?, ?) RETURNING id",
                Long.class, user, label, sha256(secret));
        return new Created(id, label, secret);
    }

    /** The user's tokens, newest first, revoked ones included. */
    public List<Token> of(String user) {
        return jdbc.query("""
                SELECT id, name, created_at, last_used_at, revoked_at FROM api_token WHERE user_name = ? ORDER BY id DESC""",
                (rs, n) -> new Token(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)), user);
    }

    /** Revokes one of the user's own tokens; false when the user has no such working token. */
    public boolean revoke(String user, long id) {
        return jdbc.update("UPDATE api_token SET revoked_at = now() WHERE id = ? AND user_name = ? AND revoked_at IS NULL", id, user) == 1;
    }

    /**
     * The user a working token belongs to. Its last use is written at most once a minute, so that a
     * script's every call is one indexed read, not a write as well.
     */
    public Optional<String> owner(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        record Found(long id, String user, boolean stale) {
        }
        Optional<Found> found = jdbc.query("""
                SELECT id, user_name, last_used_at IS NULL OR last_used_at < now() - interval '1 minute'
                FROM api_token WHERE token_sha256 = ? AND revoked_at IS NULL""",
                (rs, n) -> new Found(rs.getLong(1), rs.getString(2), rs.getBoolean(3)), sha256(secret)).stream().findFirst();
        found.filter(Found::stale).ifPresent(f -> jdbc.update("UPDATE api_token SET last_used_at = now() WHERE id = ?", f.id()));
        return found.map(Found::user);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

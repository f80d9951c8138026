package vn.chiso.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A signed-in user: a role and, for a user bound to an org unit, that unit's code — the user then sees
 * that unit and the units below it only.
 */
public final class ChisoUser extends User {

    private final Role role;
    private final String org;

    public ChisoUser(String name, String passwordHash, Role role, String org) {
        super(name, passwordHash, authorities(role));
        this.role = role;
        this.org = org == null || org.isBlank() ? null : org.strip();
    }

    private static Collection<GrantedAuthority> authorities(Role role) {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    public Role role() {
        return role;
    }

    /** The org unit the user is bound to, or null for a user who sees the whole province. */
    public String org() {
        return org;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}

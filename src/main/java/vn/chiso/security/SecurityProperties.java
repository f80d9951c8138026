package vn.chiso.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access settings ({@code chiso.security.*}).
 *
 * @param usersFile the users file (format: {@link UserStore}); when unset, {@code CHISO_HOME/users.yml}
 *                  if it exists, else the demo users of the sample data
 * @param signIn    how failed sign-ins are throttled and how long a checked password is remembered
 */
@ConfigurationProperties("chiso.security")
public record SecurityProperties(Path usersFile, @DefaultValue SignIn signIn) {

    /**
     * @param maxFailures           failed sign-ins of one user name that lock it
     * @param maxFailuresPerAddress failed sign-ins from one client address, whatever the user names, that
     *                              lock the address: more than per user, as an office's users share one
     *                              address behind its router
     * @param lock                  how long a lock lasts; failures older than this are forgotten
     * @param passwordCheckCache    how long a user name and password that matched are taken as matching
     *                              again without bcrypt (HTTP Basic sends them with every request)
     */
    public record SignIn(@DefaultValue("5") int maxFailures, @DefaultValue("20") int maxFailuresPerAddress,
                         @DefaultValue("15m") Duration lock, @DefaultValue("5m") Duration passwordCheckCache) {
    }
}

package vn.chiso.security;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access settings ({@code chiso.security.*}).
 *
 * @param usersFile the users file (format: {@link UserStore}); when unset, {@code CHISO_HOME/users.yml}
 *                  if it exists, else the demo users of the sample data
 */
@ConfigurationProperties("chiso.security")
public record SecurityProperties(Path usersFile) {
}

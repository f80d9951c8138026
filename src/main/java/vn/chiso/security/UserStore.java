package vn.chiso.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import vn.chiso.ChisoProperties;

/**
 * The users, with bcrypt password hashes, from a YAML file an administrator edits:
 *
 * <pre>
 * users:
 *   - name: lan.nguyen
 *     password-hash: "$2a$10$..."      # bcrypt, e.g. htpasswd -nbBC 10 "" secret | cut -c2-
 *     role: OFFICER                    # VIEWER | OFFICER | ADMIN
 *     org: STP                         # optional: sees this unit and the units below it only
 * </pre>
 *
 * The file is {@code chiso.security.users-file}, else {@code CHISO_HOME/users.yml}; without either, the
 * demo users of the sample data ({@value #DEMO_RESOURCE}, listed in the README) let a new user sign in,
 * until the file exists. Their passwords are public, so while they are open the log says so at start
 * and every page in a banner (the web application only, not a command): a users file is what closes them.
 */
@Component
public class UserStore implements UserDetailsService {

    static final String DEMO_RESOURCE = "security/demo-users.yml";


    private final Map<String, ChisoUser> users;
    private final String source;
    private final Path missing;

    UserStore(SecurityProperties properties, ChisoProperties chiso) {
        Path file = properties.usersFile() != null ? properties.usersFile() : chiso.home().resolve("users.yml");
        if (properties.usersFile() != null || Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                this.users = parse(in, file.toString());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the users file " + file + ": " + e.getMessage(), e);
            }
            this.source = file.toAbsolutePath().normalize().toString();
            this.missing = null;
        } else {
            try (InputStream in = UserStore.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
                this.users = parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), DEMO_RESOURCE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            this.source = null;
            this.missing = file;
        }
    }

    /** Whether the demo users are the ones signing in: every page then says so (see {@link DemoUsersNotice}). */
    public boolean demo() {
        return source == null;
    }

    /** The users file whose absence opens the demo users, for the server's warning at start; null when it exists. */
    Path missingFile() {
        return missing;
    }

    /** Where the users come from: the file's path, or null for the demo users. */
    public String source() {
        return source;
    }

    @Override
    public ChisoUser loadUserByUsername(String name) {
        ChisoUser user = users.get(name);
        if (user == null) {
            throw new UsernameNotFoundException("no user " + name);
        }
        // A fresh copy: Spring Security erases the password of the instance it authenticates.
        return new ChisoUser(user.getUsername(), user.getPassword(), user.role(), user.org());
    }

    static Map<String, ChisoUser> parse(Reader in, String origin) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(root instanceof Map<?, ?> map) || !(map.get("users") instanceof List<?> list)) {
            throw new IllegalStateException(origin + ": expected a list 'users:' of name, password-hash, role and optional org");
        }
        Map<String, ChisoUser> users = new LinkedHashMap<>();
        int n = 0;
        for (Object item : list) {
            n++;
            if (!(item instanceof Map<?, ?> entry)) {
                throw new IllegalStateException(origin + ": user " + n + " is not a mapping");
            }
            String name = text(entry, "name", origin, n);
            String hash = text(entry, "password-hash", origin, n).replaceFirst("^\\{bcrypt}", "");
            if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
                throw new IllegalStateException(origin + ": user " + name + ": password-hash must be a bcrypt hash ($2a$10$...)");
            }
            Role role;
            try {
                role = Role.valueOf(text(entry, "role", origin, n).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(origin + ": user " + name + ": role must be VIEWER, OFFICER or ADMIN");
            }
            Object org = entry.get("org");
            if (users.put(name, new ChisoUser(name, hash, role, org == null ? null : org.toString())) != null) {
                throw new IllegalStateException(origin + ": user " + name + " is listed twice");
            }
        }
        return users;
    }

    private static String text(Map<?, ?> entry, String key, String origin, int n) {
        Object value = entry.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException(origin + ": user " + n + " has no " + key);
        }
        return value.toString().strip();
    }
}

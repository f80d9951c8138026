package vn.chiso.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The password of the embedded PostgreSQL's superuser, generated on a home's first start and kept in
 * {@code CHISO_HOME/db.password}, readable by its owner only: the database asks it of every connection,
 * local socket or TCP, so that no other user of the machine signs in to the province's data.
 */
final class DatabasePassword {

    static final String FILE = "db.password";

    /** PostgreSQL's own rules, asking the password of every connection it listens for (127.0.0.1 and its socket). */
    static final String HBA = """
            # chiso: every connection gives the password kept in CHISO_HOME/db.password
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            """;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DatabasePassword() {
    }

    static Path file(Path home) {
        return home.resolve(FILE);
    }

    /** The home's password, if it has one. */
    static Optional<String> read(Path home) {
        try {
            return Optional.of(Files.readString(file(home), StandardCharsets.UTF_8).strip()).filter(p -> !p.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The home's password, made now if it has none. Two processes starting on a new home at once keep the
     * same one: the file is linked into place only where none is, never replaced.
     */
    static String readOrCreate(Path home) throws IOException {
        Optional<String> kept = read(home);
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path fresh = writeOwnerOnly(home.resolve(FILE + "." + ProcessHandle.current().pid() + ".tmp"), password + "\n");
        try {
            Files.createLink(file(home), fresh);
        } catch (FileAlreadyExistsException e) {
            // another process made it first: its password, then
        } catch (UnsupportedOperationException | IOException e) {
            if (!Files.exists(file(home))) {
                Files.move(fresh, file(home), StandardCopyOption.ATOMIC_MOVE); // a file system without hard links
            }
        } finally {
            Files.deleteIfExists(fresh);
        }
        return read(home).orElseThrow(() -> new IOException("cannot read " + file(home)));
    }

    /** Whether the data directory's {@code pg_hba.conf} asks a password of every connection (not an older home's "trust"). */
    static boolean required(Path data) throws IOException {
        List<String[]> rules = Files.readAllLines(data.resolve("pg_hba.conf"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")).toList();
        return !rules.isEmpty() && rules.stream().allMatch(rule -> {
            int method = rule[0].equals("local") ? 3 : 4;
            return rule.length > method && (rule[method].equals("scram-sha-256") || rule[method].equals("md5"));
        });
    }

    /** Makes the data directory's rules {@link #HBA}: PostgreSQL applies them at its next start or reload. */
    static void requireIt(Path data) throws IOException {
        Path fresh = writeOwnerOnly(data.resolve("pg_hba.conf." + ProcessHandle.current().pid() + ".tmp"), HBA);
        Files.move(fresh, data.resolve("pg_hba.conf"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a file made readable by its owner only from its creation on, not narrowed after. */
    private static Path writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Files.createFile(file, ownerOnly);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}

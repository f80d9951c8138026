package vn.chiso.db;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this process uses the embedded database of a {@code ./chiso serve} beside it, and whether that
 * serve has since stopped it: a command's failure is then told as what it is, not as a lost connection.
 */
public final class SharedDatabase {

    private static volatile DatabaseOwner serve;
    private static volatile Path home;

    private SharedDatabase() {
    }

    static void using(DatabaseOwner owner, Path ownerHome) {
        home = ownerHome;
        serve = owner;
    }

    /** A new command of this JVM starts: what an earlier one shared is no longer its concern. */
    public static void forget() {
        serve = null;
    }

    /** One line when this process used serve's database and serve has stopped it since; else empty. */
    public static Optional<String> stopped() {
        DatabaseOwner owner = serve;
        if (owner == null || owner.alive() && DatabaseOwner.read(home).filter(owner::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(owner.describe() + ", whose database this command used, stopped while it ran; run this again");
    }
}

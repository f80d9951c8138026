package vn.chiso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run chiso against a real PostgreSQL (see {@link TestDatabase}): by default on the
 * {@link DatabaseSlice} (no web side, scheduler or reports), or on the whole application when the class
 * is annotated {@link ApplicationTest}. Test classes of either kind share one context and database;
 * each starts from empty tables ({@code Fixtures.clean}). Its database timezone is UTC on purpose:
 * chiso must not depend on the server's zone.
 */
@SpringBootTest(classes = DatabaseSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class DatabaseTest {

    protected static final Path HOME;

    static {
        try {
            HOME = Files.createTempDirectory("chiso-test-home");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.freshUrl();
        registry.add("chiso.db.url", () -> url);
        registry.add("chiso.db.user", TestDatabase::user);
        registry.add("chiso.home", HOME::toString);
    }
}

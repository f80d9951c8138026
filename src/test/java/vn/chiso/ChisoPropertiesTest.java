package vn.chiso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** SPEC §5a: CHISO_HOME defaults to ~/.chiso. */
class ChisoPropertiesTest {

    private static ChisoProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("chiso", ChisoProperties.class);
    }

    @Test
    void withoutChisoHomeTheHomeIsTheUsersDotChiso() {
        assertThat(bind(Map.of()).home()).isEqualTo(Path.of(System.getProperty("user.home"), ".chiso"));
        assertThat(bind(Map.of()).home().toString()).doesNotContain("${");
    }

    @Test
    void chisoHomeIsTakenAsGiven() {
        assertThat(bind(Map.of("chiso.home", "/tmp/elsewhere")).home()).isEqualTo(Path.of("/tmp/elsewhere"));
        assertThat(bind(Map.of("chiso.home", "/tmp/elsewhere")).ingest().rejectThreshold()).isEqualTo(0.05);
    }
}

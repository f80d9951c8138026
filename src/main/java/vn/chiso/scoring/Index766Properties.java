package vn.chiso.scoring;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The national service index's settings ({@code chiso.scoring.index766}, {@code CHISO_SCORING_INDEX766}).
 *
 * @param index766 a province's own rule file for the index (format: {@link Index766Rules}); when
 *                 unset, the rules shipped in {@value Index766Rules#DEFAULT_RESOURCE}
 */
@ConfigurationProperties("chiso.scoring")
public record Index766Properties(Path index766) {
}

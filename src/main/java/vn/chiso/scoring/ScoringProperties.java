package vn.chiso.scoring;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Scoring settings ({@code chiso.scoring.*}, e.g. {@code CHISO_SCORING_RULES}).
 *
 * @param rules a province's own rule file (format: {@link ScoreRules}); when unset, the rules shipped
 *              in {@value ScoreRules#DEFAULT_RESOURCE}
 */
@ConfigurationProperties("chiso.scoring")
public record ScoringProperties(Path rules) {
}

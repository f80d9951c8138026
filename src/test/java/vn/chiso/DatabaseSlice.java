package vn.chiso;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * What the rule tests start instead of the whole application: the database with Flyway, the ingest
 * job, the facts, indicators, outlook and scoring — chiso's components less the web side, the
 * scheduler, the reports, the mail and the command line, which these tests never reach. It is
 * excluded by package, so that a class moved between the kept packages needs nothing here; a rule
 * test that needs an excluded bean belongs on {@link ApplicationTest}.
 *
 * <p>Not a {@code @Configuration}: the application's own scan of {@code vn.chiso} would then pick it
 * up, and Spring Boot's search for the one {@code @SpringBootConfiguration} would find two.
 */
@EnableAutoConfiguration(exclude = {QuartzAutoConfiguration.class, MailSenderAutoConfiguration.class,
        MailSenderValidatorAutoConfiguration.class, ThymeleafAutoConfiguration.class})
@ConfigurationPropertiesScan
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "vn\\.chiso\\.(web|reports|schedule|notify|cli)\\..*")})
final class DatabaseSlice {

    private DatabaseSlice() {
    }
}

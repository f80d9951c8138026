package vn.chiso.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import vn.chiso.ChisoProperties;

/**
 * The database: the PostgreSQL named by {@code CHISO_DB_URL}, or else an embedded PostgreSQL whose
 * data live in {@code CHISO_HOME/db} and survive between runs, or the one {@code ./chiso serve} runs there
 * (see {@link EmbeddedDatabase}). Flyway migrates either on start.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ChisoProperties properties, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        ChisoProperties.Db db = properties.db();
        if (StringUtils.hasText(db.url())) {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
        } else {
            config.setJdbcUrl(embedded.start(properties.home()));
            config.setUsername(EmbeddedDatabase.USER);
            config.setPassword(embedded.password());
        }
        config.setMaximumPoolSize(8);
        config.setPoolName("chiso");
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(RunningCommand running) {
        return new EmbeddedDatabase(running.command());
    }
}

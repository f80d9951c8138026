package vn.chiso.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;


import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import vn.chiso.ChisoProperties;

/**
 * The database: the PostgreSQL named by {@code CHISO_DB_URL}, or else an embedded PostgreSQL whose
 * data live in {@code CHISO_HOME/db} and survive between runs. Flyway migrates either on start.
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
            config.setJdbcUrl(embedded.start(properties.home().resolve("db")));
            config.setUsername("postgres");
        }
        config.setMaximumPoolSize(8);
        config.setPoolName("chiso");
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase() {
        return new EmbeddedDatabase();
    }

    /** Starts the embedded server lazily, only when no URL is configured. */
    static final class EmbeddedDatabase implements AutoCloseable {

        private EmbeddedPostgres postgres;

        synchronized String start(Path dataDirectory) {
            try {
                Files.createDirectories(dataDirectory);
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        // Codes compare byte by byte (as UTF-8 code points, which C.UTF-8 also gives): building a
                        // million dossiers' key index took about 1.1 s under C.UTF-8 and 0.75 s under C.
                        .setLocaleConfig("lc-collate", "C")
                        .setServerConfig("timezone", "Asia/Ho_Chi_Minh")
                        // Sized for bulk loads of a few million rows on a small machine.
                        .setServerConfig("shared_buffers", "256MB")
                        .setServerConfig("wal_buffers", "16MB")
                        .setServerConfig("max_wal_size", "4GB")
                        .setServerConfig("checkpoint_timeout", "15min")
                        .setServerConfig("work_mem", "64MB")
                        .setServerConfig("maintenance_work_mem", "256MB")
                        // zonky starts PostgreSQL with -F (fsync off), which its tests want and a province's data must
                        // not have: a power cut could then corrupt the stored dossiers. A later -c wins over -F.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "off")
                        // A first load copies into a table emptied in its own transaction: with minimal WAL,
                        // PostgreSQL writes those rows once instead of twice (no replication here to feed).
                        .setServerConfig("wal_level", "minimal")
                        .setServerConfig("max_wal_senders", "0")
                        // Those rows' files are synced at commit; asking the kernel to write them back as they
                        // are filled, rather than all at the end, took that commit from ~120 ms to ~50 ms for
                        // 1M dossiers.
                        .setServerConfig("backend_flush_after", "1MB")
                        // An index build's workers share this machine's cores with its leader: on 2 cores, one
                        // worker built 1M dossiers' key in ~555 ms, two in ~635 ms.
                        .setServerConfig("max_parallel_maintenance_workers", Integer.toString(maintenanceWorkers()))
                        .start();
                return postgres.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
            }
        }

        /** PostgreSQL's default of 2, or fewer when the machine has fewer cores than workers plus leader. */
        static int maintenanceWorkers() {
            return Math.max(0, Math.min(2, Runtime.getRuntime().availableProcessors() - 1));
        }

        @Override
        public synchronized void close() throws IOException {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        }

    }
}

package vn.chiso.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code ./chiso} command this process runs ({@code chiso.command}, set by the command line): the
 * embedded database records it, and only {@code serve}, which runs until stopped, lets other commands
 * share the database it started. Empty when chiso runs some other way (tests).
 */
@ConfigurationProperties("chiso")
record RunningCommand(String command) {
}

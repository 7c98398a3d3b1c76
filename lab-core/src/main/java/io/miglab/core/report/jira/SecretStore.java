package io.miglab.core.report.jira;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Where a Jira token can be kept outside MigLab: the OS keyring, looked up by the site's base URL. */
public interface SecretStore {
    String SERVICE = "miglab-jira";

    /** The secret stored for this account (a Jira base URL), if any. */
    Optional<String> lookup(String account);

    /** Its name in messages: "secret-tool". */
    String name();

    /** The command that stores a token, for messages. */
    String describe();

    /** A store with nothing in it. */
    SecretStore NONE = new SecretStore() {
        @Override
        public Optional<String> lookup(String account) {
            return Optional.empty();
        }

        @Override
        public String name() {
            return "none";
        }

        @Override
        public String describe() {
            return "an OS secret store";
        }
    };

    /** The store of this OS: libsecret's secret-tool on Linux, the keychain's security on macOS, none elsewhere. */
    static SecretStore forThisOs() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return new CommandSecretStore(
                    "security",
                    List.of("security", "find-generic-password", "-s", SERVICE, "-a", "{account}", "-w"),
                    "security add-generic-password -s " + SERVICE + " -a <base-url> -w");
        }
        if (os.contains("linux")) {
            return new CommandSecretStore(
                    "secret-tool",
                    List.of("secret-tool", "lookup", "service", SERVICE, "account", "{account}"),
                    "secret-tool store --label='MigLab Jira' service " + SERVICE + " account <base-url>");
        }
        return NONE;
    }

    /**
     * A store read by running a command that prints the secret on stdout ({@code {account}} in its arguments is
     * replaced); a missing command or a non-zero exit means nothing stored.
     */
    record CommandSecretStore(String name, List<String> command, String describe) implements SecretStore {
        public CommandSecretStore {
            command = List.copyOf(command);
        }

        @Override
        public Optional<String> lookup(String account) {
            List<String> args = new ArrayList<>();
            for (String a : command) {
                args.add(a.replace("{account}", account));
            }
            try {
                Process p = new ProcessBuilder(args)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                String secret = new String(out, StandardCharsets.UTF_8).strip();
                return p.exitValue() == 0 && !secret.isEmpty() ? Optional.of(secret) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty(); // not installed: nothing stored there
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}

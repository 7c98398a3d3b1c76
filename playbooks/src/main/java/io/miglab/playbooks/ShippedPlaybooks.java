package io.miglab.playbooks;

import io.miglab.core.MigLabException;
import io.miglab.core.playbook.Playbook;
import io.miglab.core.playbook.PlaybookLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The playbooks that ship inside MigLab, loaded from this module's resources. */
public final class ShippedPlaybooks {
    /** Resource names, in the order the app offers them; the first is the default. */
    static final List<String> NAMES = List.of("pagila-starter");

    private ShippedPlaybooks() {}

    public static List<Playbook> all() {
        return NAMES.stream().map(ShippedPlaybooks::load).toList();
    }

    public static Playbook defaultPlaybook() {
        return load(NAMES.get(0));
    }

    public static Playbook load(String name) {
        String resource = name + ".yaml";
        try (InputStream in = ShippedPlaybooks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigLabException(
                        "There is no shipped playbook named '" + name + "'.",
                        "Shipped playbooks: " + String.join(", ", NAMES) + ".",
                        null);
            }
            return PlaybookLoader.load(in, resource);
        } catch (IOException e) {
            throw new MigLabException("Cannot read the shipped playbook " + resource + ": " + e.getMessage(), e);
        }
    }
}

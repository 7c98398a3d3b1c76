package io.miglab.core.sizing.jobs;

import io.miglab.core.MigLabException;

/** Kubernetes CPU and memory quantities as a user types them in a variant, checked with the variant named. */
final class Quantities {
    private Quantities() {}

    static double cpu(String q, String where) {
        double m;
        try {
            m = q.endsWith("m") ? Double.parseDouble(q.substring(0, q.length() - 1)) : Double.parseDouble(q) * 1000;
        } catch (NumberFormatException e) {
            m = Double.NaN;
        }
        if (!(m > 0) || m > 1e9) {
            throw new MigLabException(where + ": '" + q + "' is not a CPU quantity (250m, 0.5, 2).");
        }
        return m;
    }

    static long memory(String q, String where) {
        String[][] units = {
            {"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}
        };
        double bytes = Double.NaN;
        try {
            boolean matched = false;
            for (String[] u : units) {
                if (q.endsWith(u[0])) {
                    bytes = Double.parseDouble(q.substring(0, q.length() - u[0].length())) * Long.parseLong(u[1]);
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                bytes = Double.parseDouble(q);
            }
        } catch (NumberFormatException e) {
            bytes = Double.NaN;
        }
        if (!(bytes >= 1) || bytes > 1e15) {
            throw new MigLabException(where + ": '" + q + "' is not a memory quantity (512Mi, 1Gi, 1G).");
        }
        return (long) bytes;
    }
}

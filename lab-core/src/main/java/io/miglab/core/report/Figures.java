package io.miglab.core.report;

import java.util.Locale;

/** Numbers as a report shows them: fixed decimals, a root locale (a report reads the same on every machine). */
final class Figures {
    private Figures() {}

    static String ms(double ms) {
        return Double.isFinite(ms) ? String.format(Locale.ROOT, "%.3f ms", ms) : "-";
    }

    static String ms(Double ms) {
        return ms == null ? "-" : ms(ms.doubleValue());
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%,.3f", v);
    }

    static String ratio(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.3f", r);
    }

    static String interval(Double low, Double high, String unit) {
        if (low == null || high == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f to %.3f%s", low, high, unit.isEmpty() ? "" : " " + unit);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.3f s", s) : "-";
    }

    static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}

package io.miglab.core.finding;

import java.util.Comparator;
import java.util.OptionalInt;

/**
 * What a finding is about.
 *
 * @param kind what sort of thing: {@value #PLAN_NODE}, {@value #INDEX}, {@value #TABLE}, {@value #SEQUENCE},
 *     {@value #CONSTRAINT}, {@value #SESSION}, {@value #DATABASE}, {@value #EXTENSION}, ...; lower case with dashes
 * @param key the machine key within its kind, stable between runs: the node id of a plan node, the quoted qualified
 *     name of a catalog object ({@code "public"."film_idx"}), the pid of a session
 * @param label how a person names it: {@code #3 Seq Scan on orders}, {@code "public"."film_idx"}
 */
public record Subject(String kind, String key, String label) {
    public static final String PLAN_NODE = "plan-node";
    public static final String INDEX = "index";
    public static final String TABLE = "table";
    public static final String SEQUENCE = "sequence";
    public static final String CONSTRAINT = "constraint";
    public static final String SESSION = "session";
    public static final String DATABASE = "database";
    public static final String EXTENSION = "extension";

    /**
     * By kind, then by key; keys that are both whole numbers (node ids, pids) compare as numbers, so node 10 comes
     * after node 9.
     */
    public static final Comparator<Subject> ORDER =
            Comparator.comparing(Subject::kind).thenComparing(Subject::key, Subject::compareKeys);

    public Subject {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A subject kind is lower case with dashes, not " + kind);
        }
        if (key == null) {
            throw new IllegalArgumentException("A subject needs a key");
        }
        if (label == null || label.isBlank()) {
            label = key;
        }
    }

    public static Subject of(String kind, String key, String label) {
        return new Subject(kind, key, label);
    }

    /** A node of an EXPLAIN plan: the key is its id, the label {@code #id} and the node's own description. */
    public static Subject planNode(int nodeId, String nodeLabel) {
        return new Subject(PLAN_NODE, Integer.toString(nodeId), "#" + nodeId + " " + nodeLabel);
    }

    /** The plan node id, when this subject is a plan node. */
    public OptionalInt planNodeId() {
        if (!PLAN_NODE.equals(kind)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(key));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static int compareKeys(String a, String b) {
        if (isWholeNumber(a) && isWholeNumber(b)) {
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : a.compareTo(b);
        }
        return a.compareTo(b);
    }

    private static boolean isWholeNumber(String s) {
        if (s.isEmpty() || s.length() > 18 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

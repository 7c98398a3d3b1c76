package io.miglab.core.migration.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files of a set must run after which, and the batches that can run at once.
 *
 * <p>File B depends on an earlier file A when A writes a table B reads or writes, when A reads a table B writes (B
 * must not change what A expects to find), or when B declares A in its {@code -- depends:} header. A declaration
 * of a later file is a cycle (the file order says the opposite) and one of no file in the set is unknown; both are
 * reported and otherwise ignored. Two files writing the same table always get an order from the rules above, so a
 * conflict (no path between them) would mean the graph itself is wrong; it is checked all the same.
 *
 * @param files the set's files, in order
 * @param accesses what each file reads and writes, by index
 * @param dependsOn for each file, the indexes of the earlier files it depends on
 * @param batch for each file, its layer: 0 for files with no dependency, else one more than its latest dependency
 * @param problems cycles, unknown declarations and conflicts, one line each, naming the files
 */
public record DependencyGraph(
        List<MigrationFile> files,
        List<TableAccess> accesses,
        List<Set<Integer>> dependsOn,
        List<Integer> batch,
        List<String> problems) {

    public DependencyGraph {
        files = List.copyOf(files);
        accesses = List.copyOf(accesses);
        dependsOn = dependsOn.stream().map(Set::copyOf).toList();
        batch = List.copyOf(batch);
        problems = List.copyOf(problems);
    }

    /** The graph of {@code set}, with each file's tables parsed from its text. */
    public static DependencyGraph of(MigrationSet set) {
        List<TableAccess> accesses = new ArrayList<>();
        for (MigrationFile f : set.files()) {
            try {
                accesses.add(TableAccess.of(f.sql()));
            } catch (io.miglab.core.sql.SqlSyntaxException e) {
                throw new io.miglab.core.MigLabException(
                        "The migration file " + f.path() + " cannot be read as SQL: " + e.getMessage(), e);
            }
        }
        return of(set.files(), accesses);
    }

    static DependencyGraph of(List<MigrationFile> files, List<TableAccess> accesses) {
        int n = files.size();
        List<Set<Integer>> deps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            Set<Integer> d = new TreeSet<>();
            TableAccess bb = accesses.get(b);
            for (int a = 0; a < b; a++) {
                TableAccess aa = accesses.get(a);
                if (intersects(aa.writes(), bb.touched()) || intersects(aa.reads(), bb.writes())) {
                    d.add(a);
                }
            }
            for (String reference : files.get(b).declared()) {
                int target = indexOf(files, reference);
                if (target < 0) {
                    problems.add("unknown: " + files.get(b).fileName() + " depends on " + reference
                            + ", which is no file of the set");
                } else if (target == b) {
                    problems.add("cycle: " + files.get(b).fileName() + " depends on itself");
                } else if (target > b) {
                    problems.add("cycle: " + files.get(b).fileName() + " depends on the later "
                            + files.get(target).fileName() + ", which runs after it");
                } else {
                    d.add(target);
                }
            }
            deps.add(d);
        }
        List<Integer> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int layer = 0;
            for (int d : deps.get(i)) {
                layer = Math.max(layer, batch.get(d) + 1);
            }
            batch.add(layer);
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                Set<String> both = new TreeSet<>(accesses.get(a).writes());
                both.retainAll(accesses.get(b).writes());
                if (!both.isEmpty() && !reaches(deps, b, a)) {
                    problems.add("conflict: " + files.get(a).fileName() + " and "
                            + files.get(b).fileName() + " both write " + String.join(", ", both)
                            + " with no order between them");
                }
            }
        }
        return new DependencyGraph(files, accesses, deps, batch, problems);
    }

    /** The batches in order, each the indexes of the files that run together. */
    public List<List<Integer>> batches() {
        int count = batch.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<Integer>> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) == b) {
                    members.add(i);
                }
            }
            out.add(List.copyOf(members));
        }
        return List.copyOf(out);
    }

    /** The batches as file names, for tests and output. */
    public List<List<String>> batchNames() {
        return batches().stream()
                .map(b -> b.stream().map(i -> files.get(i).fileName()).toList())
                .toList();
    }

    /** Whether {@code from} depends on {@code to}, directly or through others (a walk, each file seen once). */
    private static boolean reaches(List<Set<Integer>> deps, int from, int to) {
        java.util.BitSet seen = new java.util.BitSet();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            int f = todo.pop();
            if (f == to) {
                return true;
            }
            for (int d : deps.get(f)) {
                if (d >= to && !seen.get(d)) {
                    seen.set(d);
                    todo.push(d);
                }
            }
        }
        return false;
    }

    private static int indexOf(List<MigrationFile> files, String reference) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).isNamedBy(reference)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }
}

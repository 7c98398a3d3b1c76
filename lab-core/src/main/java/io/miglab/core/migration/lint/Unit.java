package io.miglab.core.migration.lint;

import java.util.List;
import java.util.Set;

/**
 * One statement the rules look at: a statement of the script, or one inside a plpgsql body.
 *
 * @param tokens its tokens, offsets in the whole file
 * @param loops how many plpgsql loops it runs inside (0 at the top level)
 * @param loopVariables the variables of the FOR loops around it ({@code r} of {@code FOR r IN SELECT})
 * @param variables the variables the body declares
 * @param loopHeader whether it is the query of a {@code FOR ... IN query LOOP}, which picks the rows to loop over
 * @param suppressed rules turned off for it by a {@code -- miglab-lint: disable} comment
 * @param topLevel whether it is a statement of the script itself, which the runner sends on its own, rather than one
 *     inside a body
 */
record Unit(
        List<Tok> tokens,
        int loops,
        Set<String> loopVariables,
        Set<String> variables,
        boolean loopHeader,
        Set<LintRule> suppressed,
        boolean topLevel) {
    Unit {
        tokens = List.copyOf(tokens);
        loopVariables = Set.copyOf(loopVariables);
        variables = Set.copyOf(variables);
        suppressed = Set.copyOf(suppressed);
    }

    Tok first() {
        return tokens.get(0);
    }

    int size() {
        return tokens.size();
    }

    Tok get(int i) {
        return tokens.get(i);
    }
}

package io.miglab.core.migration.lint;

import io.miglab.core.sql.SqlToken;
import io.miglab.core.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A token of the script with its offset in the whole file, so a finding anywhere (inside a plpgsql body too) maps
 * back to the file's line and column.
 */
record Tok(Kind kind, String text, String value, int offset) {

    static List<Tok> of(List<SqlToken> tokens, int base) {
        List<Tok> out = new ArrayList<>(tokens.size());
        for (SqlToken t : tokens) {
            out.add(new Tok(t.kind(), t.text(), t.value(), base + t.start()));
        }
        return out;
    }

    boolean is(String lowerWord) {
        return kind == Kind.WORD && value.equals(lowerWord);
    }

    boolean isAny(String... lowerWords) {
        if (kind != Kind.WORD) {
            return false;
        }
        for (String w : lowerWords) {
            if (value.equals(w)) {
                return true;
            }
        }
        return false;
    }

    boolean punct(char c) {
        return kind == Kind.PUNCTUATION && text.length() == 1 && text.charAt(0) == c;
    }

    boolean op(String operator) {
        return kind == Kind.OPERATOR && text.equals(operator);
    }

    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** A name as PostgreSQL folds it: lower case unless quoted. */
    String name() {
        return value;
    }

    int end() {
        return offset + text.length();
    }
}

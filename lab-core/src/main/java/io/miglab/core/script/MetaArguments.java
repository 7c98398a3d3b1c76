package io.miglab.core.script;

import java.util.ArrayList;
import java.util.List;

/** Splits a meta-command's arguments the way psql does: whitespace-separated, single quotes with escapes. */
final class MetaArguments {
    private MetaArguments() {}

    /**
     * Words of {@code args}. In single quotes, {@code ''} is a quote and a backslash escapes ({@code \n}, {@code \t},
     * any other character as itself); double-quoted text is kept with its quotes, as psql keeps it.
     */
    static List<String> split(String args) {
        return split(args, false);
    }

    /**
     * Words of {@code args} with trailing semicolons dropped from each, as psql reads the arguments of {@code
     * \connect} and {@code \i}: {@code \c mydb;} connects to {@code mydb}. Only semicolons outside quotes go, so
     * {@code \i 'odd;'} keeps its name; a word of semicolons alone is no word.
     */
    static List<String> splitStrippingSemicolons(String args) {
        return split(args, true);
    }

    private static List<String> split(String args, boolean stripSemicolons) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int unquotedTail = 0; // characters at the end of the word that were outside quotes
        int n = args.length();
        int i = 0;
        while (i < n) {
            char c = args.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    addWord(words, word, stripSemicolons ? unquotedTail : 0);
                    word.setLength(0);
                    inWord = false;
                }
                unquotedTail = 0;
                i++;
            } else if (c == '\'') {
                inWord = true;
                unquotedTail = 0;
                i++;
                while (i < n) {
                    char q = args.charAt(i);
                    if (q == '\'' && i + 1 < n && args.charAt(i + 1) == '\'') {
                        word.append('\'');
                        i += 2;
                    } else if (q == '\'') {
                        i++;
                        break;
                    } else if (q == '\\' && i + 1 < n) {
                        char e = args.charAt(i + 1);
                        word.append(
                                switch (e) {
                                    case 'n' -> '\n';
                                    case 't' -> '\t';
                                    case 'r' -> '\r';
                                    case 'b' -> '\b';
                                    case 'f' -> '\f';
                                    default -> e;
                                });
                        i += 2;
                    } else {
                        word.append(q);
                        i++;
                    }
                }
            } else if (c == '"') {
                inWord = true;
                unquotedTail = 0;
                int close = args.indexOf('"', i + 1);
                while (close >= 0 && close + 1 < n && args.charAt(close + 1) == '"') {
                    close = args.indexOf('"', close + 2);
                }
                int end = close < 0 ? n : close + 1;
                word.append(args, i, end);
                i = end;
            } else {
                inWord = true;
                word.append(c);
                unquotedTail++;
                i++;
            }
        }
        if (inWord) {
            addWord(words, word, stripSemicolons ? unquotedTail : 0);
        }
        return words;
    }

    /** Adds {@code word} without up to {@code strippable} trailing semicolons; nothing when only semicolons remain. */
    private static void addWord(List<String> words, StringBuilder word, int strippable) {
        int end = word.length();
        int stripped = 0;
        while (stripped < strippable && end > 0 && word.charAt(end - 1) == ';') {
            end--;
            stripped++;
        }
        if (stripped > 0 && end == 0) {
            return;
        }
        words.add(word.substring(0, end));
    }

    /** {@code "My DB"} to {@code My DB}; psql keeps the case of double-quoted names and drops the quotes. */
    static String unquoteIdentifier(String word) {
        if (word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"")) {
            return word.substring(1, word.length() - 1).replace("\"\"", "\"");
        }
        return word;
    }

    /** The {@code dbname} of a libpq connection string such as {@code dbname='pagila'}, or null. */
    static String conninfoDatabase(String conninfo) {
        int i = 0;
        int n = conninfo.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(conninfo.charAt(i))) {
                i++;
            }
            int eq = conninfo.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String key = conninfo.substring(i, eq).strip();
            i = eq + 1;
            while (i < n && Character.isWhitespace(conninfo.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && conninfo.charAt(i) == '\'') {
                i++;
                while (i < n && conninfo.charAt(i) != '\'') {
                    if (conninfo.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(conninfo.charAt(i));
                    i++;
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(conninfo.charAt(i))) {
                    value.append(conninfo.charAt(i));
                    i++;
                }
            }
            if (key.equals("dbname")) {
                return value.toString();
            }
        }
        return null;
    }
}

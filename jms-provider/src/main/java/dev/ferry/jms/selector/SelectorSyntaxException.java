package dev.ferry.jms.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * A selector that is not valid selector syntax, or whose types are wrong where the parser can already tell (e.g.
 * {@code 'a' + 1}). The message names the 1-based column of the problem and what was expected there; {@link
 * #column()} gives the column to tools that want to point at it.
 */
public final class SelectorSyntaxException extends InvalidSelectorException {

    private static final long serialVersionUID = 1L;
    private static final int EXCERPT = 60;

    private final String selector;
    private final int column;

    SelectorSyntaxException(String selector, int index, String problem) {
        super(describe(selector, index, problem));
        this.selector = selector;
        this.column = index + 1;
    }

    /** The selector text as presented. */
    public String selector() {
        return selector;
    }

    /** The 1-based column (character offset in the selector) of the problem. */
    public int column() {
        return column;
    }

    private static String describe(String selector, int index, String problem) {
        return "Invalid message selector at " + position(selector, index) + ": " + problem + " in "
                + excerpt(selector, index);
    }

    /** "column N", or "line L, column C (character N)" in a selector of several lines. */
    private static String position(String selector, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index && i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= selector.length() || selector.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        if (line == 1) {
            return "column " + (index + 1);
        }
        return "line " + line + ", column " + (index - lineStart + 1) + " (character " + (index + 1) + ")";
    }

    /** The whole selector when short; otherwise the text around the problem, so a huge selector cannot flood a log. */
    private static String excerpt(String selector, int index) {
        if (selector.length() <= 2 * EXCERPT) {
            return "selector \"" + selector + "\"";
        }
        int from = Math.max(0, index - EXCERPT);
        int to = Math.min(selector.length(), index + EXCERPT);
        return "selector \"" + (from > 0 ? "..." : "") + selector.substring(from, to)
                + (to < selector.length() ? "..." : "") + "\" (" + selector.length() + " characters)";
    }
}

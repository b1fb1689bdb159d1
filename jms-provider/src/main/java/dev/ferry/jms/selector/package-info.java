/**
 * The Jakarta Messaging 3.1 message selector language (§3.8.1): {@link dev.ferry.jms.selector.MessageSelector}
 * parses a selector once into a syntax tree ({@link dev.ferry.jms.selector.Expression}) and a compiled form that
 * evaluates messages, seen through a {@link dev.ferry.jms.selector.SelectorContext} (for a
 * {@code jakarta.jms.Message}: {@link dev.ferry.jms.selector.MessageSelectorContext#of}).
 *
 * <p>Where the specification leaves a choice open, this package decides as follows.
 * <ul>
 *   <li><b>Literals.</b> Exact numerics take the whole Java integer literal syntax (decimal, {@code 0x} hex,
 *       leading-zero octal, {@code 0b} binary, underscores between digits, an optional {@code L}), always as a
 *       {@code long}; {@code 9223372036854775808} only after a minus. Approximate numerics take the Java
 *       floating-point syntax including hexadecimal ones and the {@code f}/{@code d} suffixes; an {@code f} literal
 *       is a float widened to double, as in Java. Literals out of range are invalid, as in Java.</li>
 *   <li><b>Headers.</b> Only the six headers §3.8.1.1 allows are header references; JMSDestination, JMSReplyTo,
 *       JMSRedelivered, JMSExpiration and JMSDeliveryTime make the selector invalid rather than silently NULL.
 *       Any other name, JMSX, JMS_ and other JMS-prefixed names included, is a property.</li>
 *   <li><b>Checks at parse time.</b> Types that are known when parsing (literals, the six headers, the result of
 *       an operator) are checked: arithmetic on a string or condition, ordering ({@code < <= > >=}) of strings or
 *       booleans, LIKE or IN on a numeric header, and a non-condition where a condition is needed are invalid.
 *       {@code '1' = 1} is valid and FALSE, because the specification defines comparisons of unlike types.
 *       IN, LIKE and IS NULL take an identifier on their left, as the grammar says.</li>
 *   <li><b>Evaluation.</b> Numbers promote to long or double (not Java's int and float); exact arithmetic wraps
 *       like Java's; division by zero, exact or approximate, is UNKNOWN. Unlike types compare FALSE for every
 *       operator including {@code <>}; ordering non-numbers is FALSE. Arithmetic on a non-number is UNKNOWN; a
 *       non-boolean property used as a condition is UNKNOWN; IN and LIKE on a non-string are FALSE (NOT IN and NOT
 *       LIKE TRUE). BETWEEN is exactly its expansion into two comparisons, so it is UNKNOWN or FALSE with NULLs as
 *       those comparisons decide.</li>
 *   <li><b>LIKE.</b> Characters are code points. The escape character makes whatever follows it literal (not only
 *       {@code _}, {@code %} and itself); a pattern that ends with it is invalid.</li>
 *   <li><b>Limits.</b> More than 256 nested parentheses, NOT or signs, or a tree more than 1024 levels deep
 *       (e.g. over a thousand chained arithmetic operators) is an invalid selector, so that no selector can
 *       exhaust the stack. Chains of AND and OR are flat and have no limit.</li>
 * </ul>
 */
package dev.ferry.jms.selector;

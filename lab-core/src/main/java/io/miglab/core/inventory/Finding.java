package io.miglab.core.inventory;

import java.util.Comparator;

/**
 * Something in a snapshot a person should look at.
 *
 * @param kind a stable machine name: {@code invalid-index}, {@code duplicate-index}, {@code redundant-index},
 *     {@code unused-index}, {@code bloat}, {@code dead-tuples}, {@code sequence-near-max}, {@code not-valid-constraint},
 *     {@code long-transaction}
 * @param object the object concerned, with quoted identifiers ({@code "public"."film_idx"})
 * @param message what was seen and what to do, in plain words
 */
public record Finding(Severity severity, String kind, String object, String message) {

    /** Most severe first, then by kind and object, so the order is stable between runs. */
    public static final Comparator<Finding> ORDER =
            Comparator.comparing(Finding::severity).thenComparing(Finding::kind).thenComparing(Finding::object);
}

package io.miglab.datasets.pagila;

import java.io.IOException;

/**
 * Rows on their way into COPY, column by column. Two encodings: {@link CopyBuffer}, COPY's text format (what psql and
 * files use), and {@link BinaryCopyBuffer}, COPY's binary format, which spares the server from parsing timestamps and
 * numbers and is what the generator sends for its big tables. The model writes rows once, against this interface.
 */
interface CopyRows {
    /** A column of type integer (int4 in binary). */
    CopyRows integer(long value);

    /** A numeric column with two decimals, from a whole number of cents. */
    CopyRows cents(long cents);

    CopyRows nul();

    CopyRows bool(boolean value);

    CopyRows text(String value);

    /** Appends to the text column just written. */
    CopyRows more(String value);

    /** A timestamptz from seconds since the epoch. */
    CopyRows timestamp(long epochSecond);

    /** A date from days since the epoch. */
    CopyRows date(long epochDay);

    void endRow() throws IOException;

    /** Sends what is buffered and, for binary, the trailer. Call once at the end. */
    void finish() throws IOException;

    long bytesWritten();
}

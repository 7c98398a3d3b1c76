package io.miglab.datasets.instances;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Generates the story's table: {@code instance(id uuid, jsonb jsonb)} with inventory-like instance documents (title,
 * identifiers, contributors, notes, {@code publication: [{publisher, place, dateOfPublication}]}) whose
 * dateOfPublication is free text in the formats catalogues really hold: {@code 1998}, {@code c1998}, {@code [1998?]},
 * {@code 1998-2001}, {@code May 2003}, {@code 2003-05-12}, {@code 19th century}, {@code n.d.}; one instance in 23 has
 * no publication, one in 11 a reprint as a second one (20 years on, and in this century, so after any first date).
 *
 * <p>The rows are made on the server by {@code INSERT ... SELECT ... FROM generate_series}, in chunks so progress
 * and cancellation are seen: nothing crosses the wire but the statement, which is the fastest way there is. Every
 * value is a function of the row number and the seed, so the same seed gives the same table. The twelve notes make
 * a document about 5 kB of JSON, 1.3 kB compressed, as real instance records are: large enough that reading the
 * jsonb costs what it costs in production.
 */
public final class InstanceGenerator {
    /** Rows per INSERT; between two of them progress is reported and cancellation checked. */
    static final int CHUNK = 20_000;

    static final String CREATE_TABLE =
            "CREATE TABLE instance (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), jsonb jsonb NOT NULL)";

    /** The free-text date of row {@code i} with year {@code y}: eight formats in turn. */
    private static final String INSERT =
            """
            INSERT INTO instance (id, jsonb)
            SELECT id, jsonb_build_object(
                'id', id,
                'hrid', 'in' || lpad(i::text, 11, '0'),
                'source', (ARRAY['MARC', 'FOLIO', 'MARC', 'MARC'])[1 + i % 4],
                'title', initcap(
                    (ARRAY['the', 'a', 'history', 'of', 'modern', 'letters', 'river', 'garden', 'silent',
                           'northern', 'atlas', 'poems', 'collected', 'essays', 'voyage', 'winter'])[1 + (i * 7) % 16]
                    || ' ' || (ARRAY['history', 'of', 'modern', 'letters', 'river', 'garden', 'silent', 'northern',
                           'atlas', 'poems', 'collected', 'essays', 'voyage', 'winter', 'light',
                           'stone'])[1 + (i * 13) % 16]
                    || ' ' || (ARRAY['and', 'in', 'on', 'of', 'for', 'under', 'beyond', 'after'])[1 + (i * 3) % 8]
                    || ' ' || (ARRAY['time', 'the sea', 'the city', 'war', 'memory', 'the north', 'science', 'music',
                           'exile', 'glass'])[1 + (i * 11) % 10]),
                'instanceTypeId', (ARRAY['text', 'notated music', 'cartographic image', 'still image'])[1 + (i / 7) % 4],
                'identifiers', jsonb_build_array(
                    jsonb_build_object('identifierTypeId', 'isbn',
                        'value', '978' || lpad(((i * 7919) % 1000000000)::text, 10, '0')),
                    jsonb_build_object('identifierTypeId', 'oclc', 'value', 'ocm' || lpad((i * 31)::text, 8, '0'))),
                'contributors', jsonb_build_array(jsonb_build_object(
                    'name', (ARRAY['Smith', 'Müller', 'García', 'Rossi', 'Novak', 'Kowalski', 'Larsen', 'Dubois',
                                   'Silva', 'Tanaka'])[1 + (i * 17) % 10]
                        || ', ' || (ARRAY['Anna', 'John', 'Maria', 'Pierre', 'Ines', 'Karl', 'Yuki', 'Olga', 'Tomas',
                                   'Lena', 'Ravi', 'Sofia'])[1 + (i * 5) % 12],
                    'contributorNameTypeId', 'personal',
                    'primary', true)),
                'publication', CASE
                    WHEN i % 23 = 0 THEN '[]'::jsonb
                    ELSE jsonb_build_array(jsonb_build_object(
                        'publisher', (ARRAY['Penguin', 'Oxford University Press', 'Gallimard', 'Suhrkamp',
                                            'Random House', 'Springer', 'Einaudi', 'Knopf'])[1 + (i * 19) % 8],
                        'place', (ARRAY['London', 'Oxford', 'Paris', 'Berlin', 'New York', 'Heidelberg', 'Turin',
                                        'Chicago'])[1 + (i * 19) % 8],
                        'dateOfPublication', CASE i % 8
                            WHEN 0 THEN y::text
                            WHEN 1 THEN 'c' || y
                            WHEN 2 THEN '[' || y || '?]'
                            WHEN 3 THEN y || '-' || (y + 1 + i % 5)
                            WHEN 4 THEN (ARRAY['January', 'March', 'May', 'July', 'September',
                                               'November'])[1 + i % 6] || ' ' || y
                            WHEN 5 THEN y || '-' || lpad((1 + i % 12)::text, 2, '0') || '-'
                                        || lpad((1 + i % 28)::text, 2, '0')
                            WHEN 6 THEN (18 + i % 3) || 'th century'
                            ELSE 'n.d.' END))
                        || CASE WHEN i % 11 = 0
                            THEN jsonb_build_array(jsonb_build_object('publisher', 'Dover', 'place', 'New York',
                                'dateOfPublication', greatest(y + 20, 2001)::text))
                            ELSE '[]'::jsonb END
                    END,
                'notes', (SELECT jsonb_agg(jsonb_build_object(
                        'instanceNoteTypeId', 'general',
                        'staffOnly', k % 3 = 0,
                        'note', (SELECT string_agg(
                                (ARRAY[
                    'library','catalogue','edition','binding','folio','plates','illustrated','annotated',
                    'manuscript','provenance','bookplate','inscription','foxing','vellum','quarto','octavo',
                    'duodecimo','frontispiece','errata','colophon','signature','leaves','gathering','woodcut',
                    'engraving','map','portrait','preface','index','appendix','supplement','translation',
                    'reprint','facsimile','limited','numbered','signed','copy','original','wrappers','cloth',
                    'boards','spine','rubbed','corners','bumped','text','clean','margins','trimmed','uncut',
                    'unopened','title','page','verso','recto','stamp','withdrawn','donated','gift',
                    'collection'])[1 + ((i * 2654435761 + k * 40503 + w * 9973) % 61)::int], ' ')
                            FROM generate_series(1, 40) AS w)))
                    FROM generate_series(1, 12) AS k),
                'languages', jsonb_build_array((ARRAY['eng', 'ger', 'fre', 'spa', 'ita'])[1 + i % 5]),
                'subjects', jsonb_build_array(
                    (ARRAY['History', 'Poetry', 'Geography', 'Music', 'Physics', 'Travel'])[1 + (i * 29) % 6]))
            FROM generate_series(?::bigint, ?::bigint) AS i,
                LATERAL (SELECT md5('instance-' || ?::bigint || '-' || i)::uuid AS id, 1850 + (i * 37) % 170 AS y) AS r
            """;

    private InstanceGenerator() {}

    /** What a generation made. */
    public record Generated(long rows, long tableBytes, Duration elapsed) {}

    /**
     * Creates {@code instance} with {@code rows} rows on {@code connection} (in auto-commit mode, which VACUUM needs)
     * and VACUUM ANALYZEs it, so the timed script meets set hint bits and real statistics, as on a production table.
     * Fails with a {@link MigLabException} when the table is already there.
     */
    public static Generated generate(
            Connection connection, long rows, long seed, ProgressListener progress, Cancellation cancellation) {
        if (rows < 1) {
            throw new MigLabException("Instance rows must be at least 1, not " + rows + ".");
        }
        long started = System.nanoTime();
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_TABLE);
            } catch (SQLException e) {
                throw new MigLabException("Cannot create table instance: " + e.getMessage(), e);
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (long from = 1; from <= rows; from += CHUNK) {
                    cancellation.checkpoint();
                    progress.report(Progress.of("Generating instances", from - 1, rows));
                    insert.setLong(1, from);
                    insert.setLong(2, Math.min(rows, from + CHUNK - 1));
                    insert.setLong(3, seed);
                    insert.executeUpdate();
                }
            }
            progress.report(Progress.indeterminate("VACUUM ANALYZE instance"));
            long bytes;
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM (ANALYZE) instance");
                try (var rs = statement.executeQuery("SELECT pg_table_size('instance')")) {
                    rs.next();
                    bytes = rs.getLong(1);
                }
            }
            return new Generated(rows, bytes, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new MigLabException("Generating " + rows + " instances failed: " + e.getMessage(), e);
        }
    }
}

CREATE OR REPLACE VIEW book_stats AS
SELECT author_id, count(*) AS books FROM books GROUP BY author_id;

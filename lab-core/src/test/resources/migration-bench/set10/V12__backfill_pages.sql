-- depends: V10
UPDATE books SET pages = books.pages + 1
FROM authors
WHERE authors.id = books.author_id AND authors.id % 7 = 0;

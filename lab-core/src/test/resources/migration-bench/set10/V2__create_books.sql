CREATE TABLE books (id int PRIMARY KEY, author_id int, title text, pages int);

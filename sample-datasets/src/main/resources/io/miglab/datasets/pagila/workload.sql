-- Typical Pagila queries, the ones the tutorials run: lookups by key, joins of rentals with customers and films,
-- reports by month and category, full-text search, and the starter lab's two classics (the latest rentals of one
-- category, the top 20 actors by film count). Runs unchanged on the official release and on generated data.
-- Weights make the lookups run more often than the reports, as an application would.

-- name: film_by_id
-- weight: 5
-- params: 1
-- params: 42
-- params: 133
-- params: 500
-- params: 871
SELECT film_id, title, release_year, rental_rate, length, rating FROM film WHERE film_id = ?;

-- name: customer_rentals
-- weight: 3
-- params: 1
-- params: 148
-- params: 526
SELECT r.rental_id, r.rental_date, r.return_date, f.title
FROM rental r
JOIN inventory i USING (inventory_id)
JOIN film f USING (film_id)
WHERE r.customer_id = ?
ORDER BY r.rental_date DESC
LIMIT 20;

-- name: open_rentals
-- weight: 2
SELECT r.rental_id, c.email, f.title
FROM rental r
JOIN customer c USING (customer_id)
JOIN inventory i USING (inventory_id)
JOIN film f USING (film_id)
WHERE r.return_date IS NULL
ORDER BY r.rental_date
LIMIT 20;

-- name: film_search
-- weight: 2
SELECT film_id, title FROM film WHERE fulltext @@ to_tsquery('english', 'drama & must') LIMIT 10;

-- name: top_customers
SELECT c.customer_id, c.first_name, c.last_name, count(*) AS rentals
FROM rental r
JOIN customer c USING (customer_id)
GROUP BY 1, 2, 3
ORDER BY 4 DESC
LIMIT 10;

-- name: top_films
SELECT f.title, count(*) AS rentals
FROM rental r
JOIN inventory i USING (inventory_id)
JOIN film f USING (film_id)
GROUP BY f.title
ORDER BY 2 DESC
LIMIT 10;

-- name: revenue_by_month
SELECT date_trunc('month', payment_date) AS month, count(*), sum(amount) FROM payment GROUP BY 1 ORDER BY 1;

-- name: category_rentals
-- The lab's first classic: the latest rentals of one category.
SELECT r.rental_id, r.rental_date, f.title
FROM rental r
JOIN inventory i USING (inventory_id)
JOIN film_category fc USING (film_id)
JOIN category c USING (category_id)
JOIN film f USING (film_id)
WHERE c.name = 'Action'
ORDER BY r.rental_date DESC
LIMIT 50;

-- name: top_actors
-- The lab's second classic: the 20 actors in the most films.
SELECT a.actor_id, a.first_name, a.last_name, count(*) AS films
FROM actor a
JOIN film_actor fa USING (actor_id)
GROUP BY a.actor_id, a.first_name, a.last_name
ORDER BY films DESC
LIMIT 20;

-- name: sales_by_category
SELECT category, total_sales FROM sales_by_film_category LIMIT 5;

-- MigLab's Pagila-compatible schema, before the data: types, functions, tables, partitions and views with Pagila's
-- names, columns, types and defaults, so the same queries run on generated data and on the official release.
-- Keys, indexes and foreign keys come after the data (generated-post-data.sql): building them once over loaded
-- tables is far cheaper than maintaining them row by row.

SET client_min_messages = warning;

CREATE DOMAIN public."bıgınt" AS bigint;

CREATE TYPE public.mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');

CREATE DOMAIN public.year AS integer
    CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);

CREATE FUNCTION public._group_concat(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$
SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END
$_$;

CREATE AGGREGATE public.group_concat(text) (SFUNC = public._group_concat, STYPE = text);

CREATE FUNCTION public.last_day(timestamp with time zone) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT
    AS $_$
SELECT (date_trunc('month', $1 AT TIME ZONE 'UTC') + interval '1 month' - interval '1 day')::date
$_$;

CREATE FUNCTION public.last_updated() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.last_update = CURRENT_TIMESTAMP;
    RETURN NEW;
END $$;

CREATE SEQUENCE public.actor_actor_id_seq;
CREATE TABLE public.actor (
    actor_id integer DEFAULT nextval('public.actor_actor_id_seq'::regclass) NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.category_category_id_seq;
CREATE TABLE public.category (
    category_id integer DEFAULT nextval('public.category_category_id_seq'::regclass) NOT NULL,
    name text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.country_country_id_seq;
CREATE TABLE public.country (
    country_id integer DEFAULT nextval('public.country_country_id_seq'::regclass) NOT NULL,
    country text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.city_city_id_seq;
CREATE TABLE public.city (
    city_id integer DEFAULT nextval('public.city_city_id_seq'::regclass) NOT NULL,
    city text NOT NULL,
    country_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.address_address_id_seq;
CREATE TABLE public.address (
    address_id integer DEFAULT nextval('public.address_address_id_seq'::regclass) NOT NULL,
    address text NOT NULL,
    address2 text,
    district text NOT NULL,
    city_id integer NOT NULL,
    postal_code text,
    phone text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.language_language_id_seq;
CREATE TABLE public.language (
    language_id integer DEFAULT nextval('public.language_language_id_seq'::regclass) NOT NULL,
    name character(20) NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.film_film_id_seq;
CREATE TABLE public.film (
    film_id integer DEFAULT nextval('public.film_film_id_seq'::regclass) NOT NULL,
    title text NOT NULL,
    description text,
    release_year public.year,
    language_id integer NOT NULL,
    original_language_id integer,
    rental_duration smallint DEFAULT 3 NOT NULL,
    rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
    length smallint,
    replacement_cost numeric(5,2) DEFAULT 19.99 NOT NULL,
    rating public.mpaa_rating DEFAULT 'G'::public.mpaa_rating,
    last_update timestamp with time zone DEFAULT now() NOT NULL,
    special_features text[],
    fulltext tsvector NOT NULL
);
-- Fills fulltext while the films are copied in, as Pagila's own trigger does on insert.
CREATE TRIGGER film_fulltext_trigger BEFORE INSERT OR UPDATE ON public.film
    FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger('fulltext', 'pg_catalog.english', 'title', 'description');

CREATE TABLE public.film_actor (
    actor_id integer NOT NULL,
    film_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.film_category (
    film_id integer NOT NULL,
    category_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.store_store_id_seq;
CREATE TABLE public.store (
    store_id integer DEFAULT nextval('public.store_store_id_seq'::regclass) NOT NULL,
    manager_staff_id integer NOT NULL,
    address_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.staff_staff_id_seq;
CREATE TABLE public.staff (
    staff_id integer DEFAULT nextval('public.staff_staff_id_seq'::regclass) NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    address_id integer NOT NULL,
    email text,
    store_id integer NOT NULL,
    active boolean DEFAULT true NOT NULL,
    username text NOT NULL,
    password text,
    last_update timestamp with time zone DEFAULT now() NOT NULL,
    picture bytea
);

CREATE SEQUENCE public.customer_customer_id_seq;
CREATE TABLE public.customer (
    customer_id integer DEFAULT nextval('public.customer_customer_id_seq'::regclass) NOT NULL,
    store_id integer NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    email text,
    address_id integer NOT NULL,
    activebool boolean DEFAULT true NOT NULL,
    create_date date DEFAULT CURRENT_DATE NOT NULL,
    last_update timestamp with time zone DEFAULT now(),
    active integer
);

CREATE SEQUENCE public.inventory_inventory_id_seq;
CREATE TABLE public.inventory (
    inventory_id integer DEFAULT nextval('public.inventory_inventory_id_seq'::regclass) NOT NULL,
    film_id integer NOT NULL,
    store_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.rental_rental_id_seq;
CREATE TABLE public.rental (
    rental_id integer DEFAULT nextval('public.rental_rental_id_seq'::regclass) NOT NULL,
    rental_date timestamp with time zone NOT NULL,
    inventory_id integer NOT NULL,
    customer_id integer NOT NULL,
    return_date timestamp with time zone,
    staff_id integer NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);

-- Payments are partitioned by month, as in Pagila; the primary key must include the partition key.
CREATE SEQUENCE public.payment_payment_id_seq;
CREATE TABLE public.payment (
    payment_id integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    customer_id integer NOT NULL,
    staff_id integer NOT NULL,
    rental_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    payment_date timestamp with time zone NOT NULL
) PARTITION BY RANGE (payment_date);
CREATE TABLE public.payment_p2022_01 PARTITION OF public.payment FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00');
CREATE TABLE public.payment_p2022_02 PARTITION OF public.payment FOR VALUES FROM ('2022-02-01 00:00:00+00') TO ('2022-03-01 00:00:00+00');
CREATE TABLE public.payment_p2022_03 PARTITION OF public.payment FOR VALUES FROM ('2022-03-01 00:00:00+00') TO ('2022-04-01 00:00:00+00');
CREATE TABLE public.payment_p2022_04 PARTITION OF public.payment FOR VALUES FROM ('2022-04-01 00:00:00+00') TO ('2022-05-01 00:00:00+00');
CREATE TABLE public.payment_p2022_05 PARTITION OF public.payment FOR VALUES FROM ('2022-05-01 00:00:00+00') TO ('2022-06-01 00:00:00+00');
CREATE TABLE public.payment_p2022_06 PARTITION OF public.payment FOR VALUES FROM ('2022-06-01 00:00:00+00') TO ('2022-07-01 00:00:00+00');
CREATE TABLE public.payment_p2022_07 PARTITION OF public.payment FOR VALUES FROM ('2022-07-01 00:00:00+00') TO ('2022-08-01 00:00:00+00');

CREATE FUNCTION public.inventory_in_stock(p_inventory_id integer) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- An item is in stock when it was never rented or every rental of it has been returned.
    RETURN NOT EXISTS (
        SELECT 1 FROM public.rental WHERE inventory_id = p_inventory_id AND return_date IS NULL);
END $$;

CREATE FUNCTION public.inventory_held_by_customer(p_inventory_id integer) RETURNS integer
    LANGUAGE sql
    AS $$
SELECT customer_id FROM public.rental WHERE return_date IS NULL AND inventory_id = p_inventory_id
$$;

CREATE FUNCTION public.film_in_stock(p_film_id integer, p_store_id integer, OUT p_film_count integer)
    RETURNS SETOF integer
    LANGUAGE sql
    AS $_$
SELECT inventory_id FROM public.inventory
WHERE film_id = $1 AND store_id = $2 AND public.inventory_in_stock(inventory_id);
$_$;

CREATE FUNCTION public.film_not_in_stock(p_film_id integer, p_store_id integer, OUT p_film_count integer)
    RETURNS SETOF integer
    LANGUAGE sql
    AS $_$
SELECT inventory_id FROM public.inventory
WHERE film_id = $1 AND store_id = $2 AND NOT public.inventory_in_stock(inventory_id);
$_$;

CREATE FUNCTION public.get_customer_balance(p_customer_id integer, p_effective_date timestamp with time zone)
    RETURNS numeric
    LANGUAGE plpgsql
    AS $$
DECLARE
    v_rentfees numeric;
    v_overfees numeric;
    v_payments numeric;
BEGIN
    -- Rental fees, plus a dollar per day overdue, minus what was paid, up to the given date.
    SELECT COALESCE(SUM(f.rental_rate), 0),
           COALESCE(SUM(GREATEST(EXTRACT(epoch FROM (r.return_date - r.rental_date)) / 86400 - f.rental_duration, 0)::integer), 0)
      INTO v_rentfees, v_overfees
      FROM public.rental r
      JOIN public.inventory i ON i.inventory_id = r.inventory_id
      JOIN public.film f ON f.film_id = i.film_id
     WHERE r.rental_date <= p_effective_date AND r.customer_id = p_customer_id;
    SELECT COALESCE(SUM(amount), 0) INTO v_payments
      FROM public.payment
     WHERE payment_date <= p_effective_date AND customer_id = p_customer_id;
    RETURN v_rentfees + v_overfees - v_payments;
END
$$;

CREATE FUNCTION public.rewards_report(min_monthly_purchases integer, min_dollar_amount_purchased numeric)
    RETURNS SETOF public.customer
    LANGUAGE plpgsql SECURITY DEFINER
    AS $_$
DECLARE
    last_month_start date := date_trunc('month', CURRENT_DATE - interval '3 month')::date;
    last_month_end date := public.last_day(last_month_start);
BEGIN
    IF min_monthly_purchases = 0 THEN
        RAISE EXCEPTION 'Minimum monthly purchases parameter must be > 0';
    END IF;
    IF min_dollar_amount_purchased = 0.00 THEN
        RAISE EXCEPTION 'Minimum monthly dollar amount purchased parameter must be > $0.00';
    END IF;
    RETURN QUERY
        SELECT c.* FROM public.customer c
        WHERE c.customer_id IN (
            SELECT p.customer_id FROM public.payment p
            WHERE p.payment_date::date BETWEEN last_month_start AND last_month_end
            GROUP BY p.customer_id
            HAVING SUM(p.amount) > min_dollar_amount_purchased AND COUNT(*) > min_monthly_purchases);
END
$_$;

CREATE VIEW public.actor_info AS
SELECT a.actor_id, a.first_name, a.last_name,
       public.group_concat(DISTINCT c.name || ': ' || (
           SELECT public.group_concat(f.title)
           FROM public.film f
           JOIN public.film_category fc_1 ON f.film_id = fc_1.film_id
           JOIN public.film_actor fa_1 ON f.film_id = fa_1.film_id
           WHERE fc_1.category_id = c.category_id AND fa_1.actor_id = a.actor_id
           GROUP BY fa_1.actor_id)) AS film_info
FROM public.actor a
LEFT JOIN public.film_actor fa ON a.actor_id = fa.actor_id
LEFT JOIN public.film_category fc ON fa.film_id = fc.film_id
LEFT JOIN public.category c ON fc.category_id = c.category_id
GROUP BY a.actor_id, a.first_name, a.last_name;

CREATE VIEW public.customer_list AS
SELECT cu.customer_id AS id, cu.first_name || ' ' || cu.last_name AS name, a.address,
       a.postal_code AS "zip code", a.phone, city.city, country.country,
       CASE WHEN cu.activebool THEN 'active' ELSE '' END AS notes, cu.store_id AS sid
FROM public.customer cu
JOIN public.address a ON cu.address_id = a.address_id
JOIN public.city ON a.city_id = city.city_id
JOIN public.country ON city.country_id = country.country_id;

CREATE VIEW public.film_list AS
SELECT film.film_id AS fid, film.title, film.description, category.name AS category,
       film.rental_rate AS price, film.length, film.rating,
       public.group_concat(actor.first_name || ' ' || actor.last_name) AS actors
FROM public.category
LEFT JOIN public.film_category ON category.category_id = film_category.category_id
LEFT JOIN public.film ON film_category.film_id = film.film_id
JOIN public.film_actor ON film.film_id = film_actor.film_id
JOIN public.actor ON film_actor.actor_id = actor.actor_id
GROUP BY film.film_id, film.title, film.description, category.name, film.rental_rate, film.length, film.rating;

CREATE VIEW public.nicer_but_slower_film_list AS
SELECT film.film_id AS fid, film.title, film.description, category.name AS category,
       film.rental_rate AS price, film.length, film.rating,
       public.group_concat(initcap(actor.first_name) || ' ' || initcap(actor.last_name)) AS actors
FROM public.category
LEFT JOIN public.film_category ON category.category_id = film_category.category_id
LEFT JOIN public.film ON film_category.film_id = film.film_id
JOIN public.film_actor ON film.film_id = film_actor.film_id
JOIN public.actor ON film_actor.actor_id = actor.actor_id
GROUP BY film.film_id, film.title, film.description, category.name, film.rental_rate, film.length, film.rating;

CREATE MATERIALIZED VIEW public.rental_by_category AS
SELECT c.name AS category, sum(p.amount) AS total_sales
FROM public.payment p
JOIN public.rental r ON p.rental_id = r.rental_id
JOIN public.inventory i ON r.inventory_id = i.inventory_id
JOIN public.film f ON i.film_id = f.film_id
JOIN public.film_category fc ON f.film_id = fc.film_id
JOIN public.category c ON fc.category_id = c.category_id
GROUP BY c.name
ORDER BY sum(p.amount) DESC
WITH NO DATA;

CREATE VIEW public.sales_by_film_category AS
SELECT c.name AS category, sum(p.amount) AS total_sales
FROM public.payment p
JOIN public.rental r ON p.rental_id = r.rental_id
JOIN public.inventory i ON r.inventory_id = i.inventory_id
JOIN public.film f ON i.film_id = f.film_id
JOIN public.film_category fc ON f.film_id = fc.film_id
JOIN public.category c ON fc.category_id = c.category_id
GROUP BY c.name
ORDER BY sum(p.amount) DESC;

CREATE VIEW public.sales_by_store AS
SELECT c.city || ',' || cy.country AS store, m.first_name || ' ' || m.last_name AS manager,
       sum(p.amount) AS total_sales
FROM public.payment p
JOIN public.rental r ON p.rental_id = r.rental_id
JOIN public.inventory i ON r.inventory_id = i.inventory_id
JOIN public.store s ON i.store_id = s.store_id
JOIN public.address a ON s.address_id = a.address_id
JOIN public.city c ON a.city_id = c.city_id
JOIN public.country cy ON c.country_id = cy.country_id
JOIN public.staff m ON s.manager_staff_id = m.staff_id
GROUP BY cy.country, c.city, s.store_id, m.first_name, m.last_name
ORDER BY cy.country, c.city;

CREATE VIEW public.staff_list AS
SELECT s.staff_id AS id, s.first_name || ' ' || s.last_name AS name, a.address,
       a.postal_code AS "zip code", a.phone, city.city, country.country, s.store_id AS sid
FROM public.staff s
JOIN public.address a ON s.address_id = a.address_id
JOIN public.city ON a.city_id = city.city_id
JOIN public.country ON city.country_id = country.country_id;

-- MigLab's Pagila-compatible schema, after the data, step 1 of 3: primary keys and indexes, with Pagila's names.
-- Each "-- @block" runs in its own session, blocks in parallel: statements on one table stay in one block, so
-- blocks never wait for each other's locks. Unlike the 2024 release, the July payment partition is indexed too.

SET client_min_messages = warning;
SET maintenance_work_mem = '256MB';

-- @block rental
ALTER TABLE public.rental ADD CONSTRAINT rental_pkey PRIMARY KEY (rental_id);
CREATE INDEX idx_fk_inventory_id ON public.rental USING btree (inventory_id);
CREATE UNIQUE INDEX idx_unq_rental_rental_date_inventory_id_customer_id ON public.rental USING btree (rental_date, inventory_id, customer_id);

-- @block payment
ALTER TABLE public.payment ADD CONSTRAINT payment_pkey PRIMARY KEY (payment_date, payment_id);

-- @block payment_p2022_01
CREATE INDEX idx_fk_payment_p2022_01_customer_id ON public.payment_p2022_01 USING btree (customer_id);
CREATE INDEX idx_fk_payment_p2022_01_staff_id ON public.payment_p2022_01 USING btree (staff_id);

-- @block payment_p2022_02
CREATE INDEX idx_fk_payment_p2022_02_customer_id ON public.payment_p2022_02 USING btree (customer_id);
CREATE INDEX idx_fk_payment_p2022_02_staff_id ON public.payment_p2022_02 USING btree (staff_id);

-- @block payment_p2022_03
CREATE INDEX idx_fk_payment_p2022_03_customer_id ON public.payment_p2022_03 USING btree (customer_id);
CREATE INDEX idx_fk_payment_p2022_03_staff_id ON public.payment_p2022_03 USING btree (staff_id);

-- @block payment_p2022_04
CREATE INDEX idx_fk_payment_p2022_04_customer_id ON public.payment_p2022_04 USING btree (customer_id);
CREATE INDEX idx_fk_payment_p2022_04_staff_id ON public.payment_p2022_04 USING btree (staff_id);

-- @block payment_p2022_05
CREATE INDEX idx_fk_payment_p2022_05_customer_id ON public.payment_p2022_05 USING btree (customer_id);
CREATE INDEX idx_fk_payment_p2022_05_staff_id ON public.payment_p2022_05 USING btree (staff_id);

-- @block payment_p2022_06
CREATE INDEX idx_fk_payment_p2022_06_customer_id ON public.payment_p2022_06 USING btree (customer_id);
CREATE INDEX idx_fk_payment_p2022_06_staff_id ON public.payment_p2022_06 USING btree (staff_id);

-- @block payment_p2022_07
CREATE INDEX idx_fk_payment_p2022_07_customer_id ON public.payment_p2022_07 USING btree (customer_id);
CREATE INDEX idx_fk_payment_p2022_07_staff_id ON public.payment_p2022_07 USING btree (staff_id);

-- @block actor
ALTER TABLE public.actor ADD CONSTRAINT actor_pkey PRIMARY KEY (actor_id);
CREATE INDEX idx_actor_last_name ON public.actor USING btree (last_name);

-- @block address
ALTER TABLE public.address ADD CONSTRAINT address_pkey PRIMARY KEY (address_id);
CREATE INDEX idx_fk_city_id ON public.address USING btree (city_id);

-- @block category
ALTER TABLE public.category ADD CONSTRAINT category_pkey PRIMARY KEY (category_id);

-- @block city
ALTER TABLE public.city ADD CONSTRAINT city_pkey PRIMARY KEY (city_id);
CREATE INDEX idx_fk_country_id ON public.city USING btree (country_id);

-- @block country
ALTER TABLE public.country ADD CONSTRAINT country_pkey PRIMARY KEY (country_id);

-- @block customer
ALTER TABLE public.customer ADD CONSTRAINT customer_pkey PRIMARY KEY (customer_id);
CREATE INDEX idx_fk_address_id ON public.customer USING btree (address_id);
CREATE INDEX idx_fk_store_id ON public.customer USING btree (store_id);
CREATE INDEX idx_last_name ON public.customer USING btree (last_name);

-- @block film_actor
ALTER TABLE public.film_actor ADD CONSTRAINT film_actor_pkey PRIMARY KEY (actor_id, film_id);
CREATE INDEX idx_fk_film_id ON public.film_actor USING btree (film_id);

-- @block film_category
ALTER TABLE public.film_category ADD CONSTRAINT film_category_pkey PRIMARY KEY (film_id, category_id);

-- @block film
ALTER TABLE public.film ADD CONSTRAINT film_pkey PRIMARY KEY (film_id);
CREATE INDEX film_fulltext_idx ON public.film USING gist (fulltext);
CREATE INDEX idx_fk_language_id ON public.film USING btree (language_id);
CREATE INDEX idx_fk_original_language_id ON public.film USING btree (original_language_id);
CREATE INDEX idx_title ON public.film USING btree (title);

-- @block inventory
ALTER TABLE public.inventory ADD CONSTRAINT inventory_pkey PRIMARY KEY (inventory_id);
CREATE INDEX idx_store_id_film_id ON public.inventory USING btree (store_id, film_id);

-- @block language
ALTER TABLE public.language ADD CONSTRAINT language_pkey PRIMARY KEY (language_id);

-- @block staff
ALTER TABLE public.staff ADD CONSTRAINT staff_pkey PRIMARY KEY (staff_id);

-- @block store
ALTER TABLE public.store ADD CONSTRAINT store_pkey PRIMARY KEY (store_id);
CREATE UNIQUE INDEX idx_unq_manager_staff_id ON public.store USING btree (manager_staff_id);

-- @block rental_by_category
CREATE UNIQUE INDEX rental_category ON public.rental_by_category USING btree (category);

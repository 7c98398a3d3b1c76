-- MigLab's Pagila-compatible schema, after the data, step 3 of 3: validate the foreign keys. VALIDATE CONSTRAINT
-- locks its own table in SHARE UPDATE EXCLUSIVE mode and the referenced one only in ROW SHARE mode, so blocks (one
-- per table) run in parallel without waiting for each other.

SET client_min_messages = warning;
SET work_mem = '64MB';

-- @block rental
ALTER TABLE public.rental VALIDATE CONSTRAINT rental_customer_id_fkey;
ALTER TABLE public.rental VALIDATE CONSTRAINT rental_inventory_id_fkey;
ALTER TABLE public.rental VALIDATE CONSTRAINT rental_staff_id_fkey;

-- @block payment_p2022_01
ALTER TABLE public.payment_p2022_01 VALIDATE CONSTRAINT payment_p2022_01_customer_id_fkey;
ALTER TABLE public.payment_p2022_01 VALIDATE CONSTRAINT payment_p2022_01_rental_id_fkey;
ALTER TABLE public.payment_p2022_01 VALIDATE CONSTRAINT payment_p2022_01_staff_id_fkey;

-- @block payment_p2022_02
ALTER TABLE public.payment_p2022_02 VALIDATE CONSTRAINT payment_p2022_02_customer_id_fkey;
ALTER TABLE public.payment_p2022_02 VALIDATE CONSTRAINT payment_p2022_02_rental_id_fkey;
ALTER TABLE public.payment_p2022_02 VALIDATE CONSTRAINT payment_p2022_02_staff_id_fkey;

-- @block payment_p2022_03
ALTER TABLE public.payment_p2022_03 VALIDATE CONSTRAINT payment_p2022_03_customer_id_fkey;
ALTER TABLE public.payment_p2022_03 VALIDATE CONSTRAINT payment_p2022_03_rental_id_fkey;
ALTER TABLE public.payment_p2022_03 VALIDATE CONSTRAINT payment_p2022_03_staff_id_fkey;

-- @block payment_p2022_04
ALTER TABLE public.payment_p2022_04 VALIDATE CONSTRAINT payment_p2022_04_customer_id_fkey;
ALTER TABLE public.payment_p2022_04 VALIDATE CONSTRAINT payment_p2022_04_rental_id_fkey;
ALTER TABLE public.payment_p2022_04 VALIDATE CONSTRAINT payment_p2022_04_staff_id_fkey;

-- @block payment_p2022_05
ALTER TABLE public.payment_p2022_05 VALIDATE CONSTRAINT payment_p2022_05_customer_id_fkey;
ALTER TABLE public.payment_p2022_05 VALIDATE CONSTRAINT payment_p2022_05_rental_id_fkey;
ALTER TABLE public.payment_p2022_05 VALIDATE CONSTRAINT payment_p2022_05_staff_id_fkey;

-- @block payment_p2022_06
ALTER TABLE public.payment_p2022_06 VALIDATE CONSTRAINT payment_p2022_06_customer_id_fkey;
ALTER TABLE public.payment_p2022_06 VALIDATE CONSTRAINT payment_p2022_06_rental_id_fkey;
ALTER TABLE public.payment_p2022_06 VALIDATE CONSTRAINT payment_p2022_06_staff_id_fkey;

-- @block payment_p2022_07
ALTER TABLE public.payment_p2022_07 VALIDATE CONSTRAINT payment_p2022_07_customer_id_fkey;
ALTER TABLE public.payment_p2022_07 VALIDATE CONSTRAINT payment_p2022_07_rental_id_fkey;
ALTER TABLE public.payment_p2022_07 VALIDATE CONSTRAINT payment_p2022_07_staff_id_fkey;

-- @block address
ALTER TABLE public.address VALIDATE CONSTRAINT address_city_id_fkey;

-- @block city
ALTER TABLE public.city VALIDATE CONSTRAINT city_country_id_fkey;

-- @block customer
ALTER TABLE public.customer VALIDATE CONSTRAINT customer_address_id_fkey;
ALTER TABLE public.customer VALIDATE CONSTRAINT customer_store_id_fkey;

-- @block film_actor
ALTER TABLE public.film_actor VALIDATE CONSTRAINT film_actor_actor_id_fkey;
ALTER TABLE public.film_actor VALIDATE CONSTRAINT film_actor_film_id_fkey;

-- @block film_category
ALTER TABLE public.film_category VALIDATE CONSTRAINT film_category_category_id_fkey;
ALTER TABLE public.film_category VALIDATE CONSTRAINT film_category_film_id_fkey;

-- @block film
ALTER TABLE public.film VALIDATE CONSTRAINT film_language_id_fkey;
ALTER TABLE public.film VALIDATE CONSTRAINT film_original_language_id_fkey;

-- @block inventory
ALTER TABLE public.inventory VALIDATE CONSTRAINT inventory_film_id_fkey;
ALTER TABLE public.inventory VALIDATE CONSTRAINT inventory_store_id_fkey;

-- @block staff
ALTER TABLE public.staff VALIDATE CONSTRAINT staff_address_id_fkey;
ALTER TABLE public.staff VALIDATE CONSTRAINT staff_store_id_fkey;

-- @block store
ALTER TABLE public.store VALIDATE CONSTRAINT store_address_id_fkey;

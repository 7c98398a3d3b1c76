-- The Pagila starter lab's hand-written indexes: the reference the index advisor has to beat
-- (miglab advise indexes --compare-with optimization.sql). One CREATE INDEX per statement, each with its name,
-- so MigLab can build, drop and compare the set.

CREATE INDEX idx_category_name ON public.category (name);
CREATE INDEX idx_film_category_film_id ON public.film_category (film_id);
CREATE INDEX idx_film_category_category_id ON public.film_category (category_id);
CREATE INDEX idx_inventory_film_id ON public.inventory (film_id);
CREATE INDEX idx_rental_inventory_id_date ON public.rental (inventory_id, rental_date DESC);

-- StoreSync schema, version 3: the catalogue.
--
-- dimensions was the one JSON column of the catalogue without a shape; the API reads and writes it as a JSON object
-- ({"length": 10, "width": 5, "height": 2, "unit": "cm"}), so the database refuses any other shape, as it already does
-- for images (array) and attributes (object). NULL still means "not known".
ALTER TABLE products ADD CONSTRAINT products_dimensions_object
    CHECK (dimensions IS NULL OR jsonb_typeof(dimensions) = 'object');

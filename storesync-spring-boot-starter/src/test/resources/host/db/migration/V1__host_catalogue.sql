-- the host application's own schema, migrated by Boot's Flyway beside StoreSync's
CREATE TABLE host_items (id bigint PRIMARY KEY, name text NOT NULL);
INSERT INTO host_items VALUES (1, 'kept by the host');

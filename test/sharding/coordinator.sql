-- The coordinator: a table partitioned by hash of the publication day, whose
-- partitions are the articles tables of two shards.
-- psql variables: shard1_host, shard1_port, shard2_host, shard2_port, and
-- annotation_type (the type of the shards' annotation column).

CREATE EXTENSION IF NOT EXISTS newsnlp;
CREATE EXTENSION IF NOT EXISTS postgres_fdw;

-- extensions 'newsnlp': newsnlp's immutable functions may be evaluated by the
-- shard (each has the same version installed); async_capable: the coordinator
-- waits for both shards at once; batch_size: inserts travel 100 rows a trip.
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'shard1_host', port :'shard1_port', dbname 'postgres',
		extensions 'newsnlp', async_capable 'true', batch_size '100');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'shard2_host', port :'shard2_port', dbname 'postgres',
		extensions 'newsnlp', async_capable 'true', batch_size '100');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres');

-- The annotation is generated here only so that postgres_fdw sends DEFAULT
-- for it and the shard computes it: the NULL below is never stored, and reads
-- return the shard's value.
CREATE TABLE articles (
	id bigint NOT NULL,
	published date NOT NULL,
	body text NOT NULL,
	annotation :annotation_type GENERATED ALWAYS AS (CAST(NULL AS :annotation_type)) STORED
) PARTITION BY HASH (published);

CREATE FOREIGN TABLE articles_shard1 PARTITION OF articles
	FOR VALUES WITH (MODULUS 2, REMAINDER 0)
	SERVER shard1 OPTIONS (table_name 'articles');
CREATE FOREIGN TABLE articles_shard2 PARTITION OF articles
	FOR VALUES WITH (MODULUS 2, REMAINDER 1)
	SERVER shard2 OPTIONS (table_name 'articles');

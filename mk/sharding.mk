# Sharded execution on postgres_fdw (make sharding-test).
#
# Builds and installs the extension, starts a coordinator and two shard
# servers on 127.0.0.1, partitions a table of generated articles over the
# shards and checks, in TAP, that newsnlp filters and per-shard aggregates run
# on the shards and give the answers of one server (see test/sharding/run.sh).

.PHONY: sharding-test
sharding-test:
	bash test/sharding/run.sh

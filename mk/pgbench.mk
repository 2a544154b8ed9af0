# Concurrency test with pgbench (make pgbench-test).
#
# Builds and installs the extension, starts a throwaway cluster and runs 8
# clients for 60 s mixing inserts into an annotating table, analyses and
# dictionary changes; TAP checks of errors and consistency after it (see
# test/robust/pgbench/run.sh; PGBENCH_CLIENTS and PGBENCH_SECONDS change the
# load).

.PHONY: pgbench-test
pgbench-test:
	bash test/robust/pgbench/run.sh

# Concurrency test with pgbench (make pgbench-test).
#
# Builds and installs the extension, starts a throwaway cluster and runs 8
# clients for 60 s mixing inserts, updates and deletes on a table annotated by
# the tag() trigger and tracked by track(), analyses and dictionary changes;
# TAP checks of errors and of the annotations and side tables after it (see
# test/robust/pgbench/run.sh; PGBENCH_CLIENTS and PGBENCH_SECONDS change the
# load).

.PHONY: pgbench-test
pgbench-test:
	bash test/robust/pgbench/run.sh

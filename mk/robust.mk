# Robustness checks, each standalone on a throwaway cluster (see
# test/robust/with_cluster.sh); scripts/test.sh runs the fast ones in CI.
#
#   make parallel-test   sql/parallel.sql: parallel plans, same results as serial
#   make cancel-test     statement_timeout and pg_cancel_backend latency on 50 MB
#   make scaling-test    linear time on hostile inputs (SCALE_MB, default 1, and 4x)
#   make memory-test     flat memory over 1,000,000 rows, CREATE/DROP EXTENSION
#                        cycles and a long session (MEMORY_ROWS, MEMORY_CYCLES, ...)
#   make valgrind        regression tests under valgrind memcheck (test/valgrind/run.sh)

.PHONY: parallel-test cancel-test scaling-test memory-test valgrind

# The parallel regression test alone, on a throwaway cluster.
parallel-test:
	bash test/robust/with_cluster.sh -c 'make installcheck REGRESS=parallel'

# Cancellation latency of every analysis function.
cancel-test:
	bash test/robust/with_cluster.sh test/robust/cancel.sh

# Time growth of every analysis function on hostile inputs.
scaling-test:
	bash test/robust/with_cluster.sh test/robust/scaling.sh

# Memory of long queries, extension cycles and long sessions.
memory-test:
	bash test/robust/with_cluster.sh test/robust/memory.sh

# The regression tests under valgrind; errors and leaks in newsnlp's frames fail it.
valgrind:
	bash test/valgrind/run.sh

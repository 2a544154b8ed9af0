# Benchmark against to_tsvector and parallel speed-up (make bench, make bench-parallel).
#
# Builds and installs the extension, starts a throwaway cluster, loads
# BENCH_MB (default 10) megabytes of generated articles and prints, for each
# query of test/bench/queries.txt, the median of BENCH_ROUNDS (default 5)
# interleaved runs, its ratio to to_tsvector, rows produced and MB/s.

BENCH_CFLAGS = -std=gnu11 -O2 -Wall -Wextra -Werror

test/build/bench/gen_articles: test/bench/gen_articles.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

.PHONY: bench
# Run the whole benchmark standalone (see test/bench/run.sh).
bench:
	bash test/bench/run.sh

.PHONY: bench-parallel
# Only the speed-up of 2 parallel workers over none (see test/bench/run.sh).
bench-parallel:
	bash test/bench/run.sh --parallel-only

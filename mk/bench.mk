# Benchmark against to_tsvector (make bench).

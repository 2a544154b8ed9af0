# libFuzzer harnesses over the core (make fuzz FUZZ_SECONDS=N).

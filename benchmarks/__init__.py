"""Engine benchmarks: SOP-like document generator and the timing table (see README, Performance)."""

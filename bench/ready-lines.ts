/** Lines the benchmark's own child processes print once they serve. */
export const SANDBOX_READY = 'bench-sandboxes-ready';
export const BASELINE_READY = 'baseline listening';

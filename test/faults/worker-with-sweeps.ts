/**
 * The fault suite's failover round: test/helpers/worker-process.ts (the real transfer worker with a
 * 2 s lock and a 1 s stalled check) plus the sweep worker of a production worker
 * process (workers/start-sweep-worker.ts), so that `POST /admin/reconciliation` on a receiver runs
 * a real sweep. With `RECONCILE_INTERVAL_SECONDS=0` no sweep runs unless asked for.
 */
import { runTestWorkerProcess } from '../helpers/test-worker-process';

runTestWorkerProcess({ sweeps: true });

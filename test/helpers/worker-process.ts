/**
 * A transfer worker as a separate process for crash tests (`node --import tsx`): the real wiring of
 * workers/transfer-worker.ts with short lock and stall intervals (test-worker-process.ts).
 */
import { runTestWorkerProcess } from './test-worker-process';

runTestWorkerProcess({ sweeps: false });

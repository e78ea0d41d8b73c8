/**
 * A process that installs `handleProcessErrors` as the entry points do, with two recorded shutdown
 * steps, then meets the fatal error its first argument names (`node --import tsx` this file).
 * Every line it writes is a JSON log line on stdout.
 */
import { handleProcessErrors } from '../../src/platform/error-handler';
import { createLogger } from '../../src/platform/logger';
import { ShutdownSequence } from '../../src/platform/shutdown';

const logger = createLogger({ service: 'fatal-error-fixture' });
const shutdown = new ShutdownSequence(logger, 2000).handleSignals();
handleProcessErrors(logger, shutdown);

const scenario = process.argv[2] ?? '';
const FAULTS_WHILE_STOPPING = ['second fatal error while stopping', 'fatal error while a signal stops it'];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const throwLater = (message: string) =>
  setTimeout(() => {
    throw new Error(message);
  }, 0);

// registered first, so stopped last (as Redis is)
shutdown.onStop({ name: 'redis', run: () => pause(10) });
shutdown.onStop({
  name: 'http server',
  run: async () => {
    if (FAULTS_WHILE_STOPPING.includes(scenario)) throwLater('a second fault, while stopping');
    await pause(100);
  },
});
// keeps the process alive as a server or a worker would
setInterval(() => undefined, 1000);
logger.info('fixture started', { scenario });

switch (scenario) {
  case 'uncaught exception':
  case 'second fatal error while stopping':
    throwLater('a fault nobody caught');
    break;
  case 'unhandled rejection':
    void Promise.reject(new Error('a rejection nobody handled'));
    break;
  case 'rejection with a plain object':
    // what a careless rejection could carry; the test checks none of it is logged
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the point of the case
    void Promise.reject({ surname: 'Oduya-Fairweather', niNumber: 'QQ123456C', note: 'K-29-private' });
    break;
  case 'fatal error while a signal stops it':
    process.kill(process.pid, 'SIGTERM');
    break;
  default:
    process.stderr.write(`unknown scenario: ${scenario}\n`);
    process.exit(2);
}

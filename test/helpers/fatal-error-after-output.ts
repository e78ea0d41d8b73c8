/**
 * Preloaded into a real entry point, unchanged (`node --import tsx --import <this file> <entry>`):
 * once the process writes `FATAL_AFTER_OUTPUT` on stdout (e.g. `receiver listening`), it meets the
 * fatal error `FATAL_ERROR` names, `uncaught exception` or `unhandled rejection`, from a timer, as
 * a bug in a callback would. What happens next is up to what the entry point installed.
 */
const after = process.env.FATAL_AFTER_OUTPUT;
const kind = process.env.FATAL_ERROR;
if (!after || (kind !== 'uncaught exception' && kind !== 'unhandled rejection')) {
  throw new Error(
    'FATAL_AFTER_OUTPUT and FATAL_ERROR (uncaught exception | unhandled rejection) are required',
  );
}

function raise(): void {
  if (kind === 'uncaught exception') throw new Error('a fault nobody caught (raised by the test)');
  void Promise.reject(new Error('a rejection nobody handled (raised by the test)'));
}

type Write = (...args: unknown[]) => boolean;
const write = process.stdout.write.bind(process.stdout) as Write;
let raised = false;
const watchingWrite: Write = (...args) => {
  const written = write(...args);
  if (!raised && String(args[0]).includes(after)) {
    raised = true;
    setTimeout(raise, 0);
  }
  return written;
};
process.stdout.write = watchingWrite;

import { createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { StackContextManager } from '../../../src/platform/tracing/stack-context-manager';

const KEY = createContextKey('run');
const aRun = (name: string) => ROOT_CONTEXT.setValue(KEY, name);

describe('StackContextManager (the worker keeps no async hook on every promise)', () => {
  it('when a context is entered, then it is active while the function runs synchronously, and the outer one again after', () => {
    const manager = new StackContextManager();
    const seen = manager.with(aRun('outer'), () => [
      manager.active().getValue(KEY),
      manager.with(aRun('inner'), () => manager.active().getValue(KEY)),
      manager.active().getValue(KEY),
    ]);
    expect(seen).toEqual(['outer', 'inner', 'outer']);
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });

  it('when the function awaits, then the context does not follow the await (runs hand it on themselves)', async () => {
    const manager = new StackContextManager();
    const afterAwait = await manager.with(aRun('run'), async () => {
      await Promise.resolve();
      return manager.active().getValue(KEY);
    });
    expect(afterAwait).toBeUndefined();
  });

  it('when the function throws, then the context is left all the same', () => {
    const manager = new StackContextManager();
    expect(() =>
      manager.with(aRun('run'), () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });

  it('when a callback is bound, then it runs in the bound context wherever it is called from', () => {
    const manager = new StackContextManager();
    const bound = manager.bind(
      aRun('bound'),
      (suffix: string) => `${String(manager.active().getValue(KEY))}${suffix}`,
    );
    expect(manager.with(aRun('caller'), () => bound('!'))).toBe('bound!');
    expect(manager.bind(aRun('bound'), 42)).toBe(42);
  });
});

/**
 * A value built in `beforeAll`, usable where the test file declares it: every property read goes to
 * what `current()` holds then, and throws before it is built.
 */
export function builtInBeforeAll<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const value = current();
      if (!value) throw new Error(`${what}: read it inside a test or hook, after beforeAll`);
      return Reflect.get(value, key) as unknown;
    },
  });
}

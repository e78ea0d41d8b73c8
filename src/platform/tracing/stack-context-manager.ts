import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * A context manager without async hooks: `with(context, fn)` makes `context` active while `fn`
 * runs synchronously, and only then. Node 20's `AsyncLocalStorage` (the SDK's default) runs a hook
 * on every promise and async resource the process makes, whether or not a span is open; this one
 * costs nothing between spans. In exchange, a context does not follow an `await`: code that opens
 * spans after one is handed its parent explicitly (`RunTrace` in spans.ts).
 */
export class StackContextManager implements ContextManager {
  private readonly stack: Context[] = [];

  active(): Context {
    return this.stack[this.stack.length - 1] ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    this.stack.push(context);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.stack.pop();
    }
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const manager = this;
    const bound = function (this: unknown, ...args: unknown[]) {
      return manager.with(context, () => (target as (...a: unknown[]) => unknown).apply(this, args));
    };
    return bound as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.stack.length = 0;
    return this;
  }
}

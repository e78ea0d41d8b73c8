import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { waitLatency, type SandboxRuntime } from './sandbox-runtime';

const share = z.number().min(0).max(1);

/**
 * Faults a sandbox injects into its API endpoints (never into token or `/sandbox/` endpoints).
 * Rates are shares of requests, 0 to 1; each is drawn independently with the injected `random`.
 */
export const FaultSettingsSchema = z.strictObject({
  /** Added before every API answer, milliseconds. Default 0. */
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  /** Share answered `500` or `503` (half each). Default 0. */
  errorRate: share.default(0),
  /** Share answered `429` with `Retry-After: retryAfterSeconds`. Default 0. */
  rateLimitRate: share.default(0),
  /** `Retry-After` of injected `429`s, seconds. Default 1. */
  retryAfterSeconds: z.number().int().min(0).max(86_400).default(1),
  /** Share never answered: the connection is held open until the client gives up. Default 0. */
  timeoutRate: share.default(0),
  /** ESR record POSTs only: share stored, then the socket destroyed without an answer. Default 0. */
  lostResponseRate: share.default(0),
});
export type FaultSettings = z.output<typeof FaultSettingsSchema>;
export type FaultSettingsInput = z.input<typeof FaultSettingsSchema>;

export const NO_FAULTS: FaultSettings = Object.freeze(FaultSettingsSchema.parse({}));

/** The fault settings of one server, replaced as a whole (PUT semantics: what is left out is off). */
export interface FaultControl {
  get(): FaultSettings;
  set(input: FaultSettingsInput): FaultSettings;
}

export function createFaultControl(initial: FaultSettingsInput = {}): FaultControl {
  let current = FaultSettingsSchema.parse(initial);
  return {
    get: () => current,
    set(input) {
      current = FaultSettingsSchema.parse(input);
      return current;
    },
  };
}

/** A rate of 0 draws nothing, so a scripted `random` is consumed only by the knobs in use. */
function happens(rate: number, random: () => number): boolean {
  return rate > 0 && random() < rate;
}

export type FaultDecision = 'none' | 'timeout' | 'outage' | 'rate-limit';

export function drawFault(settings: FaultSettings, random: () => number): FaultDecision {
  if (happens(settings.timeoutRate, random)) return 'timeout';
  if (happens(settings.errorRate, random)) return 'outage';
  if (happens(settings.rateLimitRate, random)) return 'rate-limit';
  return 'none';
}

export function drawLostResponse(settings: FaultSettings, random: () => number): boolean {
  return happens(settings.lostResponseRate, random);
}

/** How each server words an injected failure (Trac and ESR have different error shapes). */
export interface FaultResponder {
  outage(res: Response, status: 500 | 503): void;
  rateLimited(res: Response, retryAfterSeconds: number): void;
}

export interface InjectFaultsOptions {
  faults: FaultControl;
  runtime: SandboxRuntime;
  responder: FaultResponder;
  /**
   * Requests whose handler waits the latency itself: the ESR record POST must hold its idempotency
   * key *during* the latency, so that a concurrent request with the same key sees it in use.
   */
  handlerWaitsLatency?: (req: Request) => boolean;
}

/** Middleware for the API routes: latency, then maybe a timeout, an outage or a rate limit. */
export function injectFaults(options: InjectFaultsOptions): RequestHandler {
  const { faults, runtime, responder } = options;
  return async (req: Request, res: Response, next: NextFunction) => {
    const settings = faults.get();
    const decision = drawFault(settings, runtime.random);
    // Left unanswered on purpose: the client's own timeout is what is under test. Closing the
    // server (closeAllConnections) ends the held socket.
    if (decision === 'timeout') return;
    if (decision !== 'none' || !options.handlerWaitsLatency?.(req)) {
      await waitLatency(runtime, settings.latencyMs);
    }
    if (decision === 'outage') {
      responder.outage(res, runtime.random() < 0.5 ? 500 : 503);
      return;
    }
    if (decision === 'rate-limit') {
      res.set('Retry-After', String(settings.retryAfterSeconds));
      responder.rateLimited(res, settings.retryAfterSeconds);
      return;
    }
    next();
  };
}

import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import {
  FaultSettingsSchema,
  injectFaults,
  NO_FAULTS,
  type FaultControl,
  type FaultResponder,
  type FaultSettings,
} from './faults';
import type { SandboxRuntime } from './sandbox-runtime';
import type { TracSandboxApplicant } from './trac-data';
import { LIST_LIMIT_MAX, listApplicantsPage, type ListPaging } from './trac-list';
import {
  ListMisbehaviourSchema,
  type ListMisbehaviour,
  type ListMisbehaviourInput,
} from './trac-list-misbehaviour';

/** How list pages are shaped beyond `limit` (trac.md allows short pages while more follow). */
export const ListPagingSchema = z.strictObject({
  /** A page holds at most this many items, whatever the `limit`: 1 to 200. Default 200 (no cap). */
  maxItemsPerPage: z.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_MAX),
  /** Every Nth page (N ≥ 2) holds no items but a cursor while more follow; 0 never. Default 0. */
  emptyPageEvery: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .refine((n) => n !== 1, 'must be 0 (never) or at least 2: every page empty would never end')
    .default(0),
});
export type ListPagingInput = z.input<typeof ListPagingSchema>;

/**
 * Faults for `GET /api/v1/applicants` only, on top of the server-wide ones: the same knobs, plus
 * `afterRequests` so that a listing can be failed mid-way (page 1 answered, page 2 a `503`).
 */
export const ListFaultSettingsSchema = FaultSettingsSchema.omit({ lostResponseRate: true }).extend({
  /** List requests answered without these faults (counted from when they were set). Default 0. */
  afterRequests: z.number().int().min(0).max(1_000_000).default(0),
});
export type ListFaultSettings = z.output<typeof ListFaultSettingsSchema>;
export type ListFaultSettingsInput = z.input<typeof ListFaultSettingsSchema>;

export interface TracListOptions {
  /** Page shaping of the applicant list. Default: pages hold `limit` items. */
  listPaging?: ListPagingInput;
  /** Faults of the applicant list only. Default none. */
  listFaults?: ListFaultSettingsInput;
  /** Breaches of trac.md by the applicant list (a cursor loop, another organisation's item). Default none. */
  listMisbehaviour?: ListMisbehaviourInput;
}

/**
 * The list's controls, part of `TracSandbox` and of `/sandbox/list-paging`, `/sandbox/list-faults`
 * and `/sandbox/list-misbehaviour`.
 */
export interface TracListControls {
  getListPaging(): ListPaging;
  /** Replaces the paging settings; what is left out is the default. */
  setListPaging(input: ListPagingInput): ListPaging;
  getListFaults(): ListFaultSettings;
  /** Replaces the list's faults (what is left out is off) and restarts the `afterRequests` count. */
  setListFaults(input: ListFaultSettingsInput): ListFaultSettings;
  getListMisbehaviour(): ListMisbehaviour;
  /** Replaces the list's misbehaviour; what is left out is off. */
  setListMisbehaviour(input: ListMisbehaviourInput): ListMisbehaviour;
}

interface TracListState {
  controls: TracListControls;
  /** Counts one list request and gives the faults that apply to it. */
  faultsForNextRequest(): FaultSettings;
  paging(): ListPaging;
  misbehaviour(): ListMisbehaviour;
}

export function createTracListState(options: TracListOptions): TracListState {
  let paging = ListPagingSchema.parse(options.listPaging ?? {});
  let faults = ListFaultSettingsSchema.parse(options.listFaults ?? {});
  let misbehaviour = ListMisbehaviourSchema.parse(options.listMisbehaviour ?? {});
  let requestsSinceSet = 0;
  const controls: TracListControls = {
    getListPaging: () => paging,
    setListPaging(input) {
      paging = ListPagingSchema.parse(input);
      return paging;
    },
    getListFaults: () => faults,
    setListFaults(input) {
      faults = ListFaultSettingsSchema.parse(input);
      requestsSinceSet = 0;
      return faults;
    },
    getListMisbehaviour: () => misbehaviour,
    setListMisbehaviour(input) {
      misbehaviour = ListMisbehaviourSchema.parse(input);
      return misbehaviour;
    },
  };
  return {
    controls,
    paging: () => paging,
    misbehaviour: () => misbehaviour,
    faultsForNextRequest() {
      requestsSinceSet += 1;
      if (requestsSinceSet <= faults.afterRequests) return NO_FAULTS;
      return { ...faults, lostResponseRate: 0 };
    },
  };
}

/** `injectFaults` with the list's own settings, for the list route only. */
export function injectListFaults(
  state: TracListState,
  runtime: SandboxRuntime,
  responder: FaultResponder,
): RequestHandler {
  // injectFaults reads `get()` exactly once per request: that read is the request being counted.
  const perRequest: FaultControl = {
    get: () => state.faultsForNextRequest(),
    set: () => {
      throw new Error('list faults are set through TracListControls');
    },
  };
  return injectFaults({ faults: perRequest, runtime, responder });
}

/** `GET /api/v1/applicants`: one page, or `400 invalid_query` for a bad parameter or cursor. */
export function listApplicantsHandler(
  applicants: ReadonlyMap<string, TracSandboxApplicant>,
  state: TracListState,
): RequestHandler {
  // iterable more than once: a misbehaving page looks for another organisation's applicant too
  const all = { [Symbol.iterator]: () => applicants.values() };
  return (req: Request, res: Response) => {
    const result = listApplicantsPage(all, req.query, state.paging(), state.misbehaviour());
    if (result.ok) res.json(result.page);
    else res.status(400).json({ error: 'invalid_query' });
  };
}

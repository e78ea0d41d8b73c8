import type Redis from 'ioredis';
import { tracListCountsKey } from '../../src/store/trac-list-counts';
import type { TransferQueue } from '../../src/store/transfer-queue';
import type { SweepRecord } from '../../src/transfer/sweep';
import { transferIdOf } from '../../src/transfer/transfer-ids';
import type { TransferStore } from '../../src/transfer/transfer';
import type { CapturedProcess } from './connector-processes';
import { checkEsr, checkPersonalData, checkQueue, checkTransfers, secretsOfRun } from './fault-checks';
import { plannedByKind } from './fault-report';
import { QUEUE_PREFIX } from './fault-suite';
import type { FaultSandboxes } from './fault-sandboxes';
import type { TracListPlan } from './trac-list-plan';
import type { TracListRoundReport } from './trac-list-report';
import type { FireResult } from './webhook-firer';

type RoundFacts = Pick<
  TracListRoundReport,
  'sweeps' | 'lost' | 'skippedItems' | 'watermarks' | 'deliveries' | 'transfersInFlight'
> & { foreignTransferExists: boolean; lostNotByASweep: string[] };

/** The round's own assertions: each misbehaviour ended its sweep as the contract says, and the last sweep found the rest. */
function tracListFailures(facts: RoundFacts): string[] {
  const { sweeps, lost, watermarks } = facts;
  const failures: string[] = [];
  const expect = (holds: boolean, sentence: string) => void (holds || failures.push(sentence));
  const { cursorLoop, serverErrorMidListing, after } = sweeps;
  const failedOf = (sweep?: SweepRecord) => JSON.stringify(sweep?.failedOrganisations ?? null);
  expect(
    cursorLoop?.outcome === 'failed' && failedOf(cursorLoop) === '["R0A"]',
    `the sweep that met R0A's cursor loop ended ${cursorLoop?.outcome ?? 'never'} naming ${failedOf(cursorLoop)}, not failed naming R0A alone`,
  );
  expect(
    serverErrorMidListing?.outcome === 'failed' && failedOf(serverErrorMidListing).includes('"R0A"'),
    `the sweep that met a 5xx mid-listing ended ${serverErrorMidListing?.outcome ?? 'never'} naming ${failedOf(serverErrorMidListing)}`,
  );
  expect(
    after?.outcome === 'completed' && failedOf(after) === '[]',
    `the sweep after the misbehaviour ended ${after?.outcome ?? 'never'} naming ${failedOf(after)}, not completed`,
  );
  const started = [cursorLoop, serverErrorMidListing, after].reduce((sum, sw) => sum + (sw?.started ?? 0), 0);
  expect(
    started === lost.transfers.length,
    `the sweeps started ${started} transfers, but ${lost.transfers.length} webhooks were lost`,
  );
  expect(
    (after?.started ?? 0) > 0,
    'the sweep after the misbehaviour started nothing: it was to find what was missed',
  );
  expect(
    watermarks.cursorLoop === null && watermarks.serverErrorMidListing === null && Boolean(watermarks.after),
    `the watermark moved while a listing failed, or not after the sweep that completed: ${JSON.stringify(watermarks)}`,
  );
  expect(
    (facts.skippedItems.other_organisation ?? 0) > 0,
    'no list item of another organisation was counted as skipped',
  );
  expect(
    !facts.foreignTransferExists,
    "R0A's list carried a 7A1 applicant, and a transfer was started for it under R0A",
  );
  if (facts.lostNotByASweep.length > 0)
    failures.push(`lost transfers not started by a sweep: ${facts.lostNotByASweep.join(', ')}`);
  if (facts.deliveries.unacknowledged.length > 0)
    failures.push(`${facts.deliveries.unacknowledged.length} deliveries never acknowledged`);
  return failures;
}

/** What the round saw happen, for the checks. */
export interface TracListRun {
  store: TransferStore;
  queue: TransferQueue;
  client: Redis;
  sandboxes: FaultSandboxes;
  /** The environment the receiver and workers run with (its secrets are scanned for). */
  env: Readonly<Record<string, string>>;
  processes: readonly CapturedProcess[];
  fired: FireResult;
  found: Pick<TracListRoundReport, 'sweeps' | 'sweepSeconds' | 'watermarks' | 'transfersInFlight'>;
  /** Every transfer final before the deadline. */
  settled: boolean;
  workerStartFailures: readonly string[];
}

/** The 7A1 applicant the sandbox puts in R0A's list: the first, in list order, a sweep would list. */
const otherOrganisationItemOf = (plan: TracListPlan) =>
  plan.lost
    .filter((t) => t.organisationCode === '7A1')
    .map((t) => t.applicantId)
    .sort()[0] ?? 'none';

const byOrganisation = (plan: TracListPlan) =>
  plan.lost.reduce<Record<string, number>>(
    (by, t) => ({ ...by, [t.organisationCode]: (by[t.organisationCode] ?? 0) + 1 }),
    {},
  );

/** The suite's checks and the round's own over the end state: the report but its head and durations. */
export async function checkTracListRun(r: TracListRun, plan: TracListPlan) {
  const otherOrganisationItem = otherOrganisationItemOf(plan);
  const lostNotByASweep: string[] = [];
  for (const t of plan.lost)
    if ((await r.store.get(t.transferId))?.trigger !== 'reconciliation') lostNotByASweep.push(t.transferId);
  const skippedHash = await r.client.hgetall(tracListCountsKey(QUEUE_PREFIX));
  const skippedItems = Object.fromEntries(
    Object.entries(skippedHash).map(([field, n]) => [field.replace(/^skipped\|/, ''), Number(n)]),
  );
  const deliveries = { ...r.fired, planned: plannedByKind(plan) };
  const lost = { transfers: plan.lost.map((t) => t.transferId), byOrganisation: byOrganisation(plan) };
  // a webhook naming the wrong organisation (the plan sends some) may create R0A-<7A1 id> itself:
  // only a transfer a sweep started for the item counts against the listing
  const foreign = await r.store.get(transferIdOf('R0A', otherOrganisationItem));
  const foreignTransferExists = foreign?.trigger === 'reconciliation';
  const transfers = await checkTransfers(r.store, r.queue, plan);
  const esr = checkEsr(r.sandboxes.esr, plan);
  const queue = await checkQueue(r.queue, plan, 0);
  const secrets = secretsOfRun(r.env, r.sandboxes.issuedTokens);
  const personalData = await checkPersonalData(r.client, r.processes, plan, secrets);
  const failures = [
    ...(r.settled ? [] : ['not every transfer reached a final state (see the mismatches)']),
    ...tracListFailures({
      ...r.found,
      lost,
      skippedItems,
      deliveries,
      foreignTransferExists,
      lostNotByASweep,
    }),
    ...r.workerStartFailures.map((failure) => `a worker did not start: ${failure}`),
    ...transfers.failures,
    ...esr.failures,
    ...queue.failures,
    ...personalData.failures,
  ];
  return {
    passed: failures.length === 0,
    failures,
    deliveries,
    lost,
    otherOrganisationItem,
    ...r.found,
    skippedItems,
    transfers: transfers.section,
    esr: esr.section,
    queue: queue.section,
    personalData: personalData.section,
  };
}

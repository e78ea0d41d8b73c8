import { findFreePort } from '../../../scripts/free-port';
import { DEMO_SEED, generateApplicants, mergeSeeds, startSandboxes } from '../../../sandbox';
import {
  anEsrToken,
  aTracToken,
  esrRecordsFor,
  esrRequestBodies,
  setSandboxFaults,
  withSandboxes,
} from '../../helpers/sandbox';
import { aDbsBody } from './esr-bodies';

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('startSandboxes()', () => {
  it('when started with defaults, then both listen on free 127.0.0.1 ports with the demo seed', async () => {
    const sandboxes = await startSandboxes();
    try {
      const answer = await fetch(`${sandboxes.tracUrl}/api/v1/applicants/A-100234`, {
        headers: { authorization: `Bearer ${await aTracToken(sandboxes.tracUrl)}` },
      });

      expect(sandboxes.tracUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandboxes.esrUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandboxes.esrUrl).not.toBe(sandboxes.tracUrl);
      expect(answer.status).toBe(200);
      expect(sandboxes.esr.applicantCount()).toBe(DEMO_SEED.esr.applicants.length);
    } finally {
      await sandboxes.close();
    }
  });

  it('when given ports, a seed and faults, then it uses them', async () => {
    const [tracPort, esrPort] = [await findFreePort(), await findFreePort()];
    const seed = mergeSeeds(DEMO_SEED, generateApplicants(1000));

    const sandboxes = await startSandboxes({
      tracPort,
      esrPort,
      seed,
      esr: { faults: { rateLimitRate: 1 } },
    });
    try {
      const limited = await fetch(`${sandboxes.esrUrl}/dit/v1/applicants?organisationCode=R0A`, {
        headers: { authorization: `Bearer ${await anEsrToken(sandboxes.esrUrl)}` },
      });

      expect(sandboxes.tracUrl).toBe(`http://127.0.0.1:${tracPort}`);
      expect(sandboxes.esrUrl).toBe(`http://127.0.0.1:${esrPort}`);
      expect(sandboxes.trac.applicantCount()).toBe(DEMO_SEED.trac.applicants.length + 1000);
      expect(sandboxes.trac.getApplicant('B-000500')).toBeDefined();
      expect(limited.status).toBe(429);
    } finally {
      await sandboxes.close();
    }
  });

  it('when closed while a request is held by a timeout fault, then close ends it and the port is free', async () => {
    const sandboxes = await startSandboxes({ esr: { faults: { timeoutRate: 1 } } });
    const token = await anEsrToken(sandboxes.esrUrl);
    const held = fetch(`${sandboxes.esrUrl}/dit/v1/applicants/4417723/employment-checks/dbs`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': 'k',
        'content-type': 'application/json',
      },
      body: '{}',
    }).then(
      (answer) => `answered ${answer.status}`,
      (error: Error) => error.name,
    );
    await waitUntil(() => sandboxes.esr.requests().length === 1);

    await sandboxes.close();

    expect(await held).toBe('TypeError');
    expect(await fetch(`${sandboxes.esrUrl}/sandbox/faults`).catch((error: Error) => error.name)).toBe(
      'TypeError',
    );
  });
});

describe('test helpers for other suites', () => {
  const sandboxes = withSandboxes();

  it('when a record is posted, then esrRecordsFor and esrRequestBodies show it', async () => {
    await fetch(`${sandboxes.esrUrl}/dit/v1/applicants/4417809/employment-checks/dbs`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await anEsrToken(sandboxes.esrUrl)}`,
        'idempotency-key': 'R0A-A-100308:dbs',
        'content-type': 'application/json',
      },
      body: JSON.stringify(aDbsBody()),
    });

    const records = await esrRecordsFor(sandboxes.esrUrl, '4417809', 'dbs');
    const bodies = await esrRequestBodies(sandboxes.esrUrl);

    expect(records).toEqual([
      expect.objectContaining({ idempotencyKey: 'R0A-A-100308:dbs', timesKeyStored: 1 }),
    ]);
    expect(await esrRecordsFor(sandboxes.esrUrl, '4417809', 'eu-status')).toEqual([]);
    expect(bodies.map((body) => JSON.parse(body) as unknown)).toEqual([aDbsBody()]);
  });

  it('when setSandboxFaults is called, then the server takes the settings', async () => {
    await setSandboxFaults(sandboxes.tracUrl, { latencyMs: 5 });

    expect(sandboxes.trac.getFaults().latencyMs).toBe(5);
    await setSandboxFaults(sandboxes.tracUrl, {});
    expect(sandboxes.trac.getFaults().latencyMs).toBe(0);
  });
});

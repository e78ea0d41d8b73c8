import fc from 'fast-check';
import { transferIdOf } from '../../src/transfer/transfer-ids';
import { MAX_WEBHOOK_BODY_BYTES } from '../../src/webhook/webhook-router';
import { aWebhookBody } from '../helpers/webhooks';

/**
 * Generated webhook deliveries for the fuzz suite, each with the answer the contract prescribes
 * (connector.md, trac.md). Every delivery is plain data; it is signed when sent, with the clock of
 * that moment, so that timestamps stay within (or outside) the tolerance as intended.
 */

/** How the three Standard Webhooks headers are made. */
export type Signing =
  | { kind: 'valid'; skewSeconds: number }
  | { kind: 'wrong-secret' }
  | { kind: 'tampered' }
  | { kind: 'out-of-tolerance'; skewSeconds: number }
  | { kind: 'bad-timestamp'; value: string }
  | { kind: 'long-id' }
  | { kind: 'missing'; header: 'webhook-id' | 'webhook-timestamp' | 'webhook-signature' | 'all' }
  | { kind: 'empty'; header: 'webhook-id' | 'webhook-timestamp' | 'webhook-signature' }
  | { kind: 'random'; id: string; timestamp: string; signature: string }
  | { kind: 'duplicated'; header: 'webhook-id' | 'webhook-timestamp' | 'webhook-signature' };

/** What the contract says the answer is. */
export type Expectation =
  /** A valid trigger for an enabled organisation: `202 queued` the first time, then `200 duplicate`. */
  | { kind: 'trigger'; transferId: string }
  | { kind: 'status'; status: number; outcome: string }
  /** Random content whose exact answer depends on what was generated; never a job. */
  | { kind: 'one-of'; statuses: number[] };

export interface GeneratedDelivery {
  category: string;
  payload: string | Buffer;
  /** One value, several (sent as duplicated header lines), or none. */
  contentType: string | string[] | undefined;
  signing: Signing;
  /** Without Content-Length (chunked), so the size limit applies while reading. */
  chunked: boolean;
  expect: Expectation;
}

/** Resends an earlier acknowledged delivery (same id and body, newly signed); `pick` chooses which. */
export interface Redelivery {
  category: 'redelivery';
  pick: number;
}

export const ENABLED_ORGANISATIONS = ['R0A', '7A1'] as const;

/** Printable ASCII: all a header may carry here. */
export const headerText = fc
  .string({ unit: 'binary-ascii', maxLength: 60 })
  .map((s) => s.replace(/[^\x20-\x7e]/g, '').trim());

/** A small pool, so that the same applicant comes again and again, and any valid id. */
const anApplicantId = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 500 }).map((n) => `F-${n}`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) },
);

/** Spellings of `Outcome: Recruited` that are the same status (case, white space, punctuation). */
const aTriggerStatus = fc.constantFrom(
  'Outcome: Recruited',
  'outcome recruited',
  'OUTCOME-RECRUITED',
  '  Outcome :: Recruited ',
);

const aJsonContentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json;charset="utf-8"',
);

const aValidSigning = fc
  .integer({ min: -290, max: 290 })
  .map((skewSeconds): Signing => ({ kind: 'valid', skewSeconds }));

const extraFields = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['type', 'timestamp', 'data'].includes(k)),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);

/** A valid `applicant.status_changed` body, optional fields present or not, unknown fields added. */
const aTriggerBody = (organisationCode: fc.Arbitrary<string>, status: fc.Arbitrary<string>) =>
  fc
    .record({
      organisationCode,
      applicantId: anApplicantId,
      status,
      vacancyReference: fc.option(fc.string({ maxLength: 64 }), { nil: undefined }),
      previousStatus: fc.option(fc.string({ minLength: 1, maxLength: 100 }), { nil: undefined }),
      extra: extraFields,
    })
    .map(({ extra, ...data }) => {
      const body = aWebhookBody({ data: { ...data } }) as unknown as Record<string, unknown>;
      const fields = body.data as Record<string, unknown>;
      for (const key of ['vacancyReference', 'previousStatus'])
        if (fields[key] === undefined) delete fields[key];
      return { ...extra, ...body, data: fields } as {
        data: { organisationCode: string; applicantId: string };
      };
    });

/** Valid and correctly signed, for an enabled organisation and a trigger status: queues a transfer. */
const aTrigger: fc.Arbitrary<GeneratedDelivery> = fc
  .record({
    body: aTriggerBody(fc.constantFrom(...ENABLED_ORGANISATIONS), aTriggerStatus),
    contentType: fc.oneof<fc.Arbitrary<string | string[]>[]>(
      aJsonContentType,
      fc.constant(['application/json', 'text/plain']), // only the first Content-Type counts
    ),
    signing: aValidSigning,
    chunked: fc.boolean(),
  })
  .map(({ body, contentType, signing, chunked }): GeneratedDelivery => ({
    category: 'trigger',
    payload: JSON.stringify(body),
    contentType,
    signing,
    chunked,
    expect: { kind: 'trigger', transferId: transferIdOf(body.data.organisationCode, body.data.applicantId) },
  }));

/** A trigger padded with an unknown field to exactly the size limit: still accepted. */
const aTriggerOfTheLargestSize: fc.Arbitrary<GeneratedDelivery> = aTrigger.map((delivery) => {
  const body = JSON.parse(delivery.payload as string) as Record<string, unknown>;
  const bare = Buffer.byteLength(JSON.stringify({ ...body, padding: '' }));
  const payload = JSON.stringify({ ...body, padding: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES - bare) });
  return { ...delivery, category: 'trigger at the size limit', payload };
});

/** Verified and well-formed, but not for this connector: acknowledged and ignored. */
const anIgnored: fc.Arbitrary<GeneratedDelivery> = fc
  .oneof(
    aTriggerBody(fc.constantFrom('RX9', 'ZZZ9', 'Q00'), aTriggerStatus).map((body) => ({
      body: JSON.stringify(body),
      reason: 'organisation_not_enabled',
    })),
    aTriggerBody(
      fc.constantFrom(...ENABLED_ORGANISATIONS),
      fc.constantFrom('Offer: Withdrawn', 'Outcome: Not Recruited', 'Recruited', 'Outcome'),
    ).map((body) => ({ body: JSON.stringify(body), reason: 'status_not_trigger' })),
    fc
      .record({
        type: fc.constantFrom(
          'applicant.created',
          'Applicant.Status_Changed',
          'applicant.status_changed.v2',
          '',
        ),
        anything: fc.jsonValue({ maxDepth: 2 }),
      })
      .map(({ type, anything }) => ({
        body: JSON.stringify({ type, data: anything }),
        reason: 'event_type_not_handled',
      })),
  )
  .chain(({ body, reason }) =>
    fc
      .record({ signing: aValidSigning, chunked: fc.boolean() })
      .map(({ signing, chunked }): GeneratedDelivery => ({
        category: `ignored: ${reason}`,
        payload: body,
        contentType: 'application/json',
        signing,
        chunked,
        expect: { kind: 'status', status: 200, outcome: 'ignored' },
      })),
  );

const notADateTime = fc.constantFrom('yesterday', '', '14/06/2026 10:22', '2026-06-14', 12345, null);

/** For each field, values that certainly break trac.md's body schema (`undefined`: removed). */
const INVALID_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  type: fc.constantFrom(undefined, null, 7, true, ['applicant.status_changed']),
  timestamp: fc.oneof(notADateTime, fc.constant(undefined)),
  data: fc.constantFrom(undefined, null, [], 'data', 3),
  organisationCode: fc.constantFrom(undefined, 'r0a', 'R0', 'R0AAAA', 'R 0A', '', 12, null),
  applicantId: fc.oneof(
    fc.constantFrom(undefined, '', 'A 1', 'A.1', 'Ä-1', 'A/1', 'A:1', 1, null),
    fc.constant('a'.repeat(65)),
  ),
  status: fc.constantFrom(undefined, '', 'x'.repeat(101), 1, null),
  changedAt: fc.oneof(notADateTime, fc.constant(undefined)),
  vacancyReference: fc.constantFrom('x'.repeat(65), 12, {}),
  previousStatus: fc.constantFrom('', 'x'.repeat(101), 5),
};

/** Correctly signed, one field of a trigger body made invalid: `400`, nothing stored. */
const anInvalidBody: fc.Arbitrary<GeneratedDelivery> = fc
  .record({
    body: aTriggerBody(fc.constantFrom(...ENABLED_ORGANISATIONS), aTriggerStatus),
    field: fc.constantFrom(...Object.keys(INVALID_VALUES)),
    signing: aValidSigning,
  })
  .chain(({ body, field, signing }) =>
    (INVALID_VALUES[field] ?? fc.constant(undefined)).map((value): GeneratedDelivery => {
      const mutated = body as unknown as Record<string, unknown>;
      const target = ['type', 'timestamp', 'data'].includes(field)
        ? mutated
        : (mutated.data as Record<string, unknown>);
      if (value === undefined) delete target[field];
      else target[field] = value;
      return {
        category: `invalid body: ${field}`,
        payload: JSON.stringify(mutated),
        contentType: 'application/json',
        signing,
        chunked: false,
        expect: { kind: 'status', status: 400, outcome: 'invalid_body' },
      };
    }),
  );

/** Correctly signed random JSON, text or bytes: `400`, `401` (bytes that are not UTF-8) or ignored. */
const aRandomSignedPayload: fc.Arbitrary<GeneratedDelivery> = fc
  .record({
    payload: fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? ''),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    ),
    signing: aValidSigning,
  })
  .map(({ payload, signing }): GeneratedDelivery => ({
    category: 'random signed payload',
    payload,
    contentType: 'application/json',
    signing,
    chunked: false,
    expect: { kind: 'one-of', statuses: [200, 400, 401] },
  }));

const SIGNED_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/** A trigger body whose headers fail verification one way or another: `401`, nothing stored. */
const aBadSignature: fc.Arbitrary<GeneratedDelivery> = fc
  .record({
    body: aTriggerBody(fc.constantFrom(...ENABLED_ORGANISATIONS), aTriggerStatus),
    signing: fc.oneof(
      fc.constant<Signing>({ kind: 'wrong-secret' }),
      fc.constant<Signing>({ kind: 'tampered' }),
      fc
        .oneof(fc.integer({ min: 302, max: 10_000_000 }), fc.integer({ min: -10_000_000, max: -302 }))
        .map((skewSeconds): Signing => ({ kind: 'out-of-tolerance', skewSeconds })),
      fc
        .oneof(fc.constantFrom('1.5e9', '0x65', '-1', ' 17', '017', '99999999999999'), headerText)
        .filter((value) => !/^(0|[1-9][0-9]{0,11})$/.test(value))
        .map((value): Signing => ({ kind: 'bad-timestamp', value })),
      fc.constant<Signing>({ kind: 'long-id' }),
      fc
        .constantFrom(...SIGNED_HEADERS, 'all' as const)
        .map((header): Signing => ({ kind: 'missing', header })),
      fc.constantFrom(...SIGNED_HEADERS).map((header): Signing => ({ kind: 'empty', header })),
      fc.constantFrom(...SIGNED_HEADERS).map((header): Signing => ({ kind: 'duplicated', header })),
      fc
        .record({ id: headerText, timestamp: headerText, signature: headerText })
        .map(({ id, timestamp, signature }): Signing => ({
          kind: 'random',
          id,
          timestamp,
          signature: `v1,${signature}`,
        })),
    ),
  })
  .map(({ body, signing }): GeneratedDelivery => ({
    category: `bad signature: ${signing.kind}`,
    payload: JSON.stringify(body),
    contentType: 'application/json',
    signing,
    chunked: false,
    // a missing/empty header, or a bad id/timestamp, is told apart from a bad signature; all are 401
    expect: { kind: 'one-of', statuses: [401] },
  }));

/** Anything but JSON as the media type, however well signed: `415`. */
const aWrongMediaType: fc.Arbitrary<GeneratedDelivery> = fc
  .record({
    body: aTriggerBody(fc.constantFrom(...ENABLED_ORGANISATIONS), aTriggerStatus),
    contentType: fc.oneof(
      fc.constantFrom<string | string[] | undefined>(
        undefined,
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'application/jsonp',
        ['text/plain', 'application/json'],
      ),
      headerText.filter((value) => !value.toLowerCase().startsWith('application/json')),
    ),
    signing: aValidSigning,
  })
  .map(({ body, contentType, signing }): GeneratedDelivery => ({
    category: 'wrong media type',
    payload: JSON.stringify(body),
    contentType,
    signing,
    chunked: false,
    expect: { kind: 'status', status: 415, outcome: 'unsupported_media_type' },
  }));

/** Over 256 KiB, however well signed, with or without Content-Length: `413`. */
const anOversizedBody: fc.Arbitrary<GeneratedDelivery> = fc
  .record({
    body: aTriggerBody(fc.constantFrom(...ENABLED_ORGANISATIONS), aTriggerStatus),
    over: fc.integer({ min: 1, max: 64 * 1024 }),
    signing: aValidSigning,
    chunked: fc.boolean(),
  })
  .map(({ body, over, signing, chunked }): GeneratedDelivery => {
    const bare = Buffer.byteLength(JSON.stringify({ ...body, padding: '' }));
    const payload = JSON.stringify({ ...body, padding: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES - bare + over) });
    return {
      category: 'oversized',
      payload,
      contentType: 'application/json',
      signing,
      chunked,
      expect: { kind: 'status', status: 413, outcome: 'payload_too_large' },
    };
  });

/** Every kind of delivery; large bodies are rare, so 10,000 runs stay well under a minute. */
export const aDelivery: fc.Arbitrary<GeneratedDelivery | Redelivery> = fc.oneof(
  { weight: 30, arbitrary: aTrigger },
  { weight: 8, arbitrary: anIgnored },
  { weight: 12, arbitrary: anInvalidBody },
  { weight: 8, arbitrary: aRandomSignedPayload },
  { weight: 16, arbitrary: aBadSignature },
  { weight: 6, arbitrary: aWrongMediaType },
  { weight: 8, arbitrary: fc.nat().map((pick): Redelivery => ({ category: 'redelivery', pick })) },
  { weight: 1, arbitrary: fc.oneof(anOversizedBody, aTriggerOfTheLargestSize) },
);

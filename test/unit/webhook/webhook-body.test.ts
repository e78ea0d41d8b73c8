import { InvalidWebhookBodyError, parseWebhookBody } from '../../../src/webhook/webhook-body';
import { aWebhookBody } from '../../helpers/webhooks';

function issuesOf(payload: string) {
  try {
    parseWebhookBody(payload);
  } catch (error) {
    if (error instanceof InvalidWebhookBodyError) return error.issues;
    throw error;
  }
  return [];
}

describe('parseWebhookBody', () => {
  it('when the body is a status change, then it returns its fields without unknown ones', () => {
    const body = aWebhookBody({ extra: 1 });

    const parsed = parseWebhookBody(JSON.stringify(body));

    expect(parsed).toEqual({
      kind: 'status_changed',
      body: { type: body.type, timestamp: body.timestamp, data: body.data },
    });
  });

  it('when the type is another event, then it is unhandled whatever else the body holds', () => {
    expect(parseWebhookBody('{"type":"applicant.created","data":null}')).toEqual({
      kind: 'unhandled',
      type: 'applicant.created',
    });
  });

  it.each([
    ['organisation code in lower case', { organisationCode: 'r0a' }, 'data.organisationCode'],
    ['organisation code of 2 characters', { organisationCode: 'R0' }, 'data.organisationCode'],
    ['organisation code of 6 characters', { organisationCode: 'R0ABCD' }, 'data.organisationCode'],
    ['applicant id of 65 characters', { applicantId: 'a'.repeat(65) }, 'data.applicantId'],
    ['applicant id with a colon', { applicantId: 'A:1' }, 'data.applicantId'],
    ['status of 101 characters', { status: 's'.repeat(101) }, 'data.status'],
    ['previous status empty', { previousStatus: '' }, 'data.previousStatus'],
    ['changedAt without a zone', { changedAt: '2026-06-14T10:22:01' }, 'data.changedAt'],
  ])('when the %s, then the issue names %s', (_label, data, path) => {
    expect(issuesOf(JSON.stringify(aWebhookBody({ data })))).toEqual([expect.objectContaining({ path })]);
  });

  it.each([
    ['an offset', '2026-06-14T11:22:01+01:00'],
    ['fractions of a second', '2026-06-14T10:22:01.123Z'],
  ])('when a date-time has %s, then it is accepted', (_label, changedAt) => {
    expect(issuesOf(JSON.stringify(aWebhookBody({ data: { changedAt } })))).toEqual([]);
  });

  it('when the body is not JSON, then the issue does not quote the body', () => {
    const issues = issuesOf('{"applicantId": "A-SECRET-ish"');

    expect(issues).toEqual([{ path: '', message: 'must be valid JSON' }]);
  });
});

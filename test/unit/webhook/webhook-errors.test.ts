import { WebhookVerificationError } from '../../../src/platform/errors';
import { RedisUnavailableError } from '../../../src/store/redis-deadline';
import { InvalidWebhookBodyError } from '../../../src/webhook/webhook-body';
import { answerForError, isJsonContentType } from '../../../src/webhook/webhook-errors';

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['APPLICATION/JSON;CHARSET="UTF-8"', true],
    ['application/json; boundary=x', true],
    ['application/json; charset=iso-8859-1', false],
    ['application/problem+json', false],
    ['text/json', false],
    ['', false],
    [undefined, false],
  ])('when the header is %p, then %p', (header, expected) => {
    expect(isJsonContentType(header)).toBe(expected);
  });
});

describe('answerForError', () => {
  it.each([
    [
      'a verification failure',
      new WebhookVerificationError('timestamp_out_of_tolerance'),
      401,
      { error: 'timestamp_out_of_tolerance' },
    ],
    [
      'an invalid body',
      new InvalidWebhookBodyError([{ path: 'data', message: 'm' }]),
      400,
      { error: 'invalid_body', issues: [{ path: 'data', message: 'm' }] },
    ],
    [
      'a body over the limit',
      Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 }),
      413,
      { error: 'payload_too_large' },
    ],
    [
      'a compressed body',
      Object.assign(new Error('gzip'), { type: 'encoding.unsupported', status: 415 }),
      415,
      { error: 'unsupported_media_type' },
    ],
    [
      'an aborted body',
      Object.assign(new Error('aborted'), { type: 'request.aborted', status: 400 }),
      400,
      { error: 'invalid_body', issues: [{ path: '', message: 'body could not be read as sent' }] },
    ],
    ['Redis unavailable', new RedisUnavailableError('down', false), 503, { error: 'unavailable' }],
    ['a bug', new TypeError('x is undefined'), 503, { error: 'unavailable' }],
    ['a thrown string', 'boom', 503, { error: 'unavailable' }],
  ])('when the error is %s, then %p %p', (_label, error, status, body) => {
    const answer = answerForError(error);

    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(body);
  });
});

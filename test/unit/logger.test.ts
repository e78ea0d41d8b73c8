import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/platform/logger';

function captureLogger() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { logger: createLogger({ stream, level: 'debug' }), lines };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('logger redaction', () => {
  it('when a log entry carries personal fields at the top level, then their values are masked', async () => {
    const { logger, lines } = captureLogger();
    logger.info('matched', {
      forename: 'Aoife',
      surname: "O'Brien",
      dateOfBirth: '1994-03-17',
      transferId: 'R0A-A-1',
    });
    await flush();
    expect(lines[0]).toMatchObject({
      forename: '[REDACTED]',
      surname: '[REDACTED]',
      dateOfBirth: '[REDACTED]',
      transferId: 'R0A-A-1',
    });
  });

  it('when a log entry carries sign-in secrets (tokens, verifier, nonce, cookies), then their values are masked', async () => {
    const { logger, lines } = captureLogger();
    logger.warn('sign-in', {
      id_token: 'eyJ.id.token',
      refresh_token: 'rt-value',
      code_verifier: 'verifier-value',
      nonce: 'nonce-value',
      headers: { cookie: 'dit-session=abc', 'set-cookie': 'dit-session=def' },
      csrfToken: 'form-token',
      failure: 'code_refused',
    });
    await flush();
    const text = JSON.stringify(lines[0]);
    for (const secret of [
      'eyJ.id.token',
      'rt-value',
      'verifier-value',
      'nonce-value',
      'abc',
      'def',
      'form-token',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('code_refused');
  });

  it('when personal fields are nested in objects and arrays, then they are masked wherever they are', async () => {
    const { logger, lines } = captureLogger();
    logger.warn('odd', {
      body: {
        person: { forename: 'A' },
        data: { certificateNumber: '001234567890', share_code: 'W12345678' },
      },
      references: [{ refereeName: 'Dr Who', refereeEmail: 'who@example.org', outcome: 'Success' }],
      address: { line1: '1 Street' },
      ni_number: 'QQ123456C',
    });
    await flush();
    const text = JSON.stringify(lines[0]);
    for (const secret of [
      'Dr Who',
      'who@example.org',
      '001234567890',
      'W12345678',
      '1 Street',
      'QQ123456C',
      '"A"',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('Success');
  });

  it('when logged data parsed from JSON carries a __proto__ key, then its fields stay fields and are still masked', async () => {
    const { logger, lines } = captureLogger();
    const answer = JSON.parse('{"__proto__":{"surname":"Llewellyn","code":"X1"},"status":400}') as object;
    logger.warn('odd answer', { answer });
    await flush();
    expect(JSON.stringify(lines[0])).not.toContain('Llewellyn');
    expect(lines[0]).toMatchObject({ answer: { status: 400 } });
    expect(JSON.stringify(lines[0])).toContain('"code":"X1"');
  });

  it('when secrets are logged, then they are masked', async () => {
    const { logger, lines } = captureLogger();
    logger.info('token', {
      headers: { authorization: 'Bearer abc' },
      clientSecret: 's3cret',
      password: 'pw',
    });
    await flush();
    expect(JSON.stringify(lines[0])).not.toMatch(/Bearer abc|s3cret|"pw"/);
  });

  it('when a child logger is used, then every line carries its transferId', async () => {
    const { logger, lines } = captureLogger();
    logger.child({ transferId: 'R0A-A-100234', webhookId: 'msg_1' }).info('queued');
    await flush();
    expect(lines[0]).toMatchObject({
      transferId: 'R0A-A-100234',
      webhookId: 'msg_1',
      level: 'info',
      message: 'queued',
    });
  });

  it('when the level is warn, then info lines are not written', async () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString()));
    const logger = createLogger({ stream, level: 'warn' });
    logger.info('quiet');
    logger.warn('loud');
    await flush();
    expect(chunks.join('')).not.toContain('quiet');
    expect(chunks.join('')).toContain('loud');
  });
});

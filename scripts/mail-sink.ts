/**
 * `npm start` with `SMTP_URL` unset (outside production): a local mail sink, so that a newcomer sees
 * the digest the connector would send. An SMTP server on a free loopback port writes each message
 * it receives to `.data/mail/<time>-<organisation>.eml`, and its HTML part beside it (`.html`, for
 * a browser). The children get `SMTP_URL` pointing at it. smtp-server is a development dependency:
 * it is loaded only here, and only when the sink starts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import type { Config } from '../config';
import type { ShutdownSequence } from '../src/platform/shutdown';

export interface MailSink {
  smtpUrl: string;
  /** Where messages are written. */
  dir: string;
}

/** The HTML part of a message nodemailer wrote (quoted-printable), or undefined. */
function htmlPartOf(raw: string): string | undefined {
  const start = raw.search(/Content-Type: text\/html/i);
  if (start < 0) return undefined;
  const bodyAt = raw.indexOf('\r\n\r\n', start);
  const end = raw.indexOf('\r\n--', bodyAt);
  const body = raw.slice(bodyAt + 4, end < 0 ? undefined : end);
  const quotedPrintable = /Content-Transfer-Encoding: quoted-printable/i.test(raw.slice(start, bodyAt));
  if (!quotedPrintable) return body;
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function fileStemOf(raw: string): string {
  const organisation = /^Subject: .*\(([A-Z0-9]{3,5})\)\s*$/m.exec(raw)?.[1] ?? 'message';
  return `${new Date().toISOString().replace(/[:.]/g, '-')}-${organisation}`;
}

/** Starts the sink when there is no relay and this is not production; undefined otherwise. */
export async function resolveMailSink(
  config: Config,
  dir: string,
  shutdown: ShutdownSequence,
): Promise<MailSink | undefined> {
  if (config.isProduction || config.smtpUrl) return undefined;
  const { SMTPServer } = await import('smtp-server');
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const stem = join(dir, fileStemOf(raw));
        writeFileSync(`${stem}.eml`, raw);
        const html = htmlPartOf(raw);
        if (html) writeFileSync(`${stem}.html`, html);
        process.stdout.write(`mail sink: digest written to ${relative(process.cwd(), stem)}.eml\n`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  shutdown.onStop({ name: 'mail sink', run: () => new Promise<void>((done) => server.close(() => done())) });
  const { port } = server.server.address() as AddressInfo;
  return { smtpUrl: `smtp://127.0.0.1:${port}`, dir };
}

/** The banner's lines about the digest: where it goes and how to send one now. */
export function digestBannerLines(config: Config, sink: MailSink | undefined, receiverUrl: string): string[] {
  const where = sink
    ? `written to ${relative(process.cwd(), sink.dir) || '.'}/ (a local mail sink: SMTP_URL is unset)`
    : config.smtpUrl
      ? 'sent through SMTP_URL'
      : 'off (SMTP_URL is unset)';
  const lines = [`  ${'E-mail digest'.padEnd(16)}${where}, ${config.digestSchedule} Europe/London`];
  if (!sink && !config.smtpUrl) return lines;
  const admin = config.generated.ADMIN_USERS ?? `${config.adminUsers[0]?.user ?? 'hr-admin'}:PASSWORD`;
  return [
    ...lines,
    '',
    'Send the digest now (organisations with hrEmails and failed transfers):',
    `  curl -u '${admin}' -X POST ${receiverUrl}/admin/digest`,
  ];
}

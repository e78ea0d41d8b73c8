import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the test relay accepted, with its parts decoded. */
export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpCapture {
  port: number;
  /** `smtp://user:password@127.0.0.1:port`: the relay wants a login, as real ones do. */
  url: string;
  messages: CapturedMail[];
  /** The next `n` sessions are refused at MAIL FROM with `451`, as a busy relay does. */
  refuseNext(n: number): void;
  /** Sessions refused so far. */
  refused(): number;
  /** Runs while a message is being received, before the relay accepts it. */
  beforeAccept?: () => Promise<void>;
  close(): Promise<void>;
}

export const RELAY_USER = 'digest-user';
export const RELAY_PASSWORD = 'relay-secret-9f3b';

/** `=XX` escapes and soft line breaks of quoted-printable. */
function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function headersOf(block: string): Map<string, string> {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return headers;
}

function decodePart(part: string): { type: string; body: string } {
  const split = part.search(/\r?\n\r?\n/);
  const headers = headersOf(part.slice(0, split));
  const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const decoded =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { type: (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase(), body: decoded };
}

/** Just enough MIME for one multipart/alternative message: subject, text part, HTML part. */
export function parseMail(raw: string): Pick<CapturedMail, 'subject' | 'text' | 'html'> {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = headersOf(raw.slice(0, split));
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const parts = boundary
    ? raw
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => decodePart(p.replace(/^\r?\n/, '')))
    : [decodePart(raw)];
  const bodyOf = (type: string) => parts.find((p) => p.type === type)?.body ?? '';
  return { subject: headers.get('subject') ?? '', text: bodyOf('text/plain'), html: bodyOf('text/html') };
}

/** A real SMTP server on a loopback port (a given one, or any free one), keeping what it accepts. */
export async function startSmtpCapture(port = 0): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  let toRefuse = 0;
  let refused = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === RELAY_USER && auth.password === RELAY_PASSWORD)
        callback(null, { user: RELAY_USER });
      else callback(new Error('invalid login'));
    },
    onMailFrom(_address, _session, callback) {
      if (toRefuse === 0) return callback();
      toRefuse -= 1;
      refused += 1;
      callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const accept = async () => {
          await capture.beforeAccept?.();
          messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMail(raw) });
        };
        accept().then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  const capture: SmtpCapture = {
    port: bound,
    url: `smtp://${RELAY_USER}:${RELAY_PASSWORD}@127.0.0.1:${bound}`,
    messages,
    refuseNext: (n) => void (toRefuse = n),
    refused: () => refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return capture;
}

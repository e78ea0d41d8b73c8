import { connect, type Socket } from 'node:net';

/** One HTTP/1.1 response as read off the wire. */
export interface RawResponse {
  status: number;
  /** The status line, e.g. `HTTP/1.1 413 Payload Too Large`. */
  statusLine: string;
  /** Header names lower-cased; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  /** Every byte the server sent, as text (interim `100 Continue` responses included). */
  received: string;
  /** The final (non-1xx) responses in order. */
  responses: RawResponse[];
  /** Whether the server ended the connection within the wait. */
  closedByServer: boolean;
}

/** A raw TCP connection to a loopback HTTP server, for what a well-behaved client cannot send. */
export interface RawConnection {
  write(data: string | Buffer): Promise<void>;
  /** Resolves once `predicate` holds for what was received, or the server closes, or `ms` pass. */
  waitFor(predicate: (received: string) => boolean, ms: number): Promise<RawExchange>;
  destroy(): void;
}

export function parseResponses(received: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = received;
  for (let guard = 0; guard < 20 && rest.startsWith('HTTP/'); guard += 1) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine = '', ...headerLines] = rest.slice(0, headEnd).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusLine.split(' ')[1]);
    const length = Number(headers['content-length'] ?? 0);
    const body = rest.slice(headEnd + 4, headEnd + 4 + length);
    rest = rest.slice(headEnd + 4 + length);
    if (status >= 200) responses.push({ status, statusLine, headers, body });
  }
  return responses;
}

export async function openRawConnection(port: number): Promise<RawConnection> {
  const socket: Socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  let closedByServer = false;
  const changed = new Set<() => void>();
  const notify = () => changed.forEach((listener) => listener());
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    notify();
  });
  socket.on('end', () => {
    closedByServer = true;
    notify();
  });
  socket.on('close', () => {
    closedByServer = true;
    notify();
  });
  // a write after the server closed fails with EPIPE/ECONNRESET: what was received still counts
  socket.on('error', () => undefined);

  const exchange = (): RawExchange => ({ received, responses: parseResponses(received), closedByServer });
  return {
    write: (data) =>
      new Promise((resolve) => {
        if (socket.destroyed || !socket.writable) return resolve();
        socket.write(data, () => resolve());
      }),
    waitFor: (predicate, ms) =>
      new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          changed.delete(check);
          resolve(exchange());
        };
        const check = () => {
          if (closedByServer || predicate(received)) done();
        };
        const timer = setTimeout(done, ms);
        changed.add(check);
        check();
      }),
    destroy: () => socket.destroy(),
  };
}

/** An HTTP/1.1 request head (request line, headers, blank line) with CRLF line ends. */
export function requestHead(requestLine: string, headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [requestLine, 'Host: 127.0.0.1', ...lines, '', ''].join('\r\n');
}

import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { parseResponses, type RawResponse } from './raw-http';

export interface ChunkedUploadOptions {
  /** Bytes of each chunk; default 64 KiB. */
  chunkBytes?: number;
  /** Body bytes the client sends at most before the terminating chunk; default 10 MiB. */
  maxBytes?: number;
  /** How long the whole upload and its answer may take, milliseconds; default 10 s. */
  withinMs?: number;
  /** The byte each chunk is filled with; default `x`. */
  fill?: string;
}

export interface ChunkedUpload {
  /** The final (non-1xx) responses the server sent. */
  responses: RawResponse[];
  /** Every byte the server sent, as text. */
  received: string;
  /** Whether the server ended the connection. */
  closedByServer: boolean;
  /** Body bytes the client had handed to its socket when it stopped (the server closed, or all sent). */
  bytesWritten: number;
  /** Bytes the server read off this connection, request head included. */
  serverBytesRead: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server side of the connection the client opened from `localPort`, once it has been accepted. */
async function acceptedSocket(sockets: Map<number, Socket>, localPort: number): Promise<Socket> {
  for (let waited = 0; waited < 2000; waited += 5) {
    const socket = sockets.get(localPort);
    if (socket) return socket;
    await sleep(5);
  }
  throw new Error('the server never accepted the connection');
}

/**
 * Sends `head` (which must say `Transfer-Encoding: chunked`), then streams chunks as fast as the
 * server takes them until the server answers or closes, or `maxBytes` have gone, then the last
 * chunk; and reports what each side did. The server's count is read off its own socket, so a
 * server that drains the body shows it whatever the kernel's buffers hold.
 */
export async function streamChunkedBody(
  server: Server,
  head: string,
  options: ChunkedUploadOptions = {},
): Promise<ChunkedUpload> {
  const { chunkBytes = 64 * 1024, maxBytes = 10 * 1024 * 1024, withinMs = 10_000, fill = 'x' } = options;
  const sockets = new Map<number, Socket>();
  const onConnection = (socket: Socket) => sockets.set(socket.remotePort ?? 0, socket);
  server.on('connection', onConnection);
  const { port } = server.address() as AddressInfo;
  const client = connect({ host: '127.0.0.1', port });
  let received = '';
  let closedByServer = false;
  client.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  client.on('end', () => (closedByServer = true));
  client.on('close', () => (closedByServer = true));
  // a write after the server closed fails with EPIPE or ECONNRESET: what was received still counts
  client.on('error', () => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
    });
    const serverSocket = await acceptedSocket(sockets, client.localPort ?? 0);
    const deadline = Date.now() + withinMs;
    const answered = () => closedByServer || parseResponses(received).length > 0;
    const write = (data: string | Buffer) =>
      new Promise<void>((resolve) => {
        if (client.destroyed || !client.writable) return resolve();
        client.write(data, () => resolve());
      });

    await write(head);
    const frame = Buffer.concat([
      Buffer.from(`${chunkBytes.toString(16)}\r\n`),
      Buffer.alloc(chunkBytes, fill),
      Buffer.from('\r\n'),
    ]);
    let bytesWritten = 0;
    while (bytesWritten < maxBytes && !answered() && Date.now() < deadline) {
      let flushed = false;
      const pending = write(frame).then(() => (flushed = true));
      // a server that stops reading leaves the write pending: look for its answer meanwhile
      while (!flushed && !answered() && Date.now() < deadline) await Promise.race([pending, sleep(20)]);
      if (flushed) bytesWritten += chunkBytes;
    }
    if (!answered()) await write('0\r\n\r\n');
    while (!closedByServer && parseResponses(received).length === 0 && Date.now() < deadline) await sleep(10);
    // the answer may come just before the close: give the close a moment to arrive
    for (let waited = 0; waited < 1000 && !closedByServer; waited += 10) await sleep(10);
    return {
      responses: parseResponses(received),
      received,
      closedByServer,
      bytesWritten,
      serverBytesRead: serverSocket.bytesRead,
    };
  } finally {
    server.off('connection', onConnection);
    client.destroy();
  }
}

/** A chunked request head of `method path` with the given headers. */
export function chunkedHead(requestLine: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ ...headers, 'Transfer-Encoding': 'chunked' }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return [requestLine, 'Host: 127.0.0.1', ...lines, '', ''].join('\r\n');
}

import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingProxy {
  url: string;
  /** Every bearer token a client sent or a token endpoint issued through the proxy. */
  tokens: Set<string>;
  /** Every request line's path and query, as the client sent it. */
  paths: string[];
  close(): Promise<void>;
}

function accessTokenOf(body: string): string | undefined {
  try {
    const token: unknown = (JSON.parse(body) as { access_token?: unknown }).access_token;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A loopback HTTP proxy in front of a sandbox that records what a scan for secrets needs to know
 * exactly: the tokens issued and sent, and the paths (queries included) requested.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const tokens = new Set<string>();
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) tokens.add(bearer);
    const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
    const forwarded = request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const issued = req.url?.endsWith('/token') ? accessTokenOf(body.toString()) : undefined;
          if (issued) tokens.add(issued);
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
        });
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens,
    paths,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

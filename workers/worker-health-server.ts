import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerHeartbeat } from './worker-heartbeat';

/** A running health endpoint: the port it listens on (useful with port 0) and how to stop it. */
export interface WorkerHealthServer {
  port: number;
  close(): Promise<void>;
}

function answer(res: ServerResponse, status: number, body: Record<string, string>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The worker's health endpoint, for a container's health check or an orchestrator's probe (the
 * worker has no other HTTP server): `GET /health/live` answers `200` while the process answers at
 * all; `GET /health/ready` answers `200` while the worker takes jobs, else `503` with the reason
 * (docs/operations.md). A stalled event loop answers neither, so a probe with a timeout fails too.
 */
export function createWorkerHealthServer(heartbeat: Pick<WorkerHeartbeat, 'problem'>): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return answer(res, 405, { error: 'method_not_allowed' });
    if (path === '/health/live') return answer(res, 200, { status: 'ok' });
    if (path !== '/health/ready') return answer(res, 404, { error: 'not_found' });
    const problem = heartbeat.problem();
    if (problem) return answer(res, 503, { status: 'unavailable', reason: problem });
    return answer(res, 200, { status: 'ready' });
  });
}

/** Listens on `host:port` (0: any free port); rejects when it cannot (port taken, say). */
export function listenWorkerHealth(server: Server, port: number, host: string): Promise<WorkerHealthServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

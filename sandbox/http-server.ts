import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface ListeningServer {
  server: Server;
  url: string;
  /** Stops listening and ends every connection, including requests held by an injected timeout. */
  close(): Promise<void>;
}

/** Listens on `host:port` (`0`: a port the OS picks, so there is no race with another process). */
export function listen(app: Express, host: string, port: number): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) {
        reject(error);
        return;
      }
      const address = server.address() as AddressInfo;
      resolve({ server, url: `http://${host}:${address.port}`, close: () => closeServer(server) });
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

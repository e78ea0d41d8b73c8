import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { hasBody } from './http/body-limit';
import type { Logger } from './logger';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** What the receiver answers for each error Node's HTTP parser raises before there is a request. */
const CLIENT_ERROR_ANSWERS = new Map<string, { status: number; error: string }>([
  ['HPE_HEADER_OVERFLOW', { status: 431, error: 'request_header_fields_too_large' }],
  ['HPE_CHUNK_EXTENSIONS_OVERFLOW', { status: 413, error: 'payload_too_large' }],
  ['ERR_HTTP_REQUEST_TIMEOUT', { status: 408, error: 'request_timeout' }],
]);
const BAD_REQUEST = { status: 400, error: 'bad_request' };

/** A whole HTTP/1.1 answer with a JSON body, written straight to the socket. */
function rawJsonAnswer(status: number, error: string): string {
  const body = JSON.stringify({ error });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Node answers a request it cannot parse (`431` headers too large, `400` malformed) with an empty
 * body; the contract promises JSON. Answered only while the socket is writable and no response to an
 * earlier request on it has started, as Node's own handler does; the socket is closed either way.
 */
function answerClientErrors(server: Server, logger: Logger, inFlight: WeakMap<Duplex, ServerResponse>): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const code = error.code ?? '';
    const started = inFlight.get(socket)?.headersSent ?? false;
    if (code === 'ECONNRESET' || !socket.writable || started) {
      socket.destroy();
      return;
    }
    const { status, error: name } = CLIENT_ERROR_ANSWERS.get(code) ?? BAD_REQUEST;
    // the code only: the raw packet may hold anything the client sent
    logger.info('request refused by the HTTP parser', { status, code });
    socket.end(rawJsonAnswer(status, name), () => socket.destroy());
  });
}

/**
 * A request with a body keeps its connection only once a route has read that body to its end. An
 * answer given before (from the head: media type, declared size, headers, credentials; or `413`
 * part-way through) closes the connection as soon as it has been sent, so that the rest of the body
 * is never read: Node would otherwise read it, whatever its length, before closing (or, without
 * `Connection: close`, to keep the connection for a next request).
 */
function closeUnlessTheBodyIsRead(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
  if (!hasBody(req) && !expectsContinue) return;
  let read = false;
  res.setHeader('Connection', 'close');
  req.once('end', () => {
    read = true;
    if (!res.headersSent) res.removeHeader('Connection');
  });
  res.once('finish', () => {
    // the answer is with the operating system; reading on until the close would read at line speed
    if (!read) req.socket.destroy();
  });
}

/**
 * `Expect: 100-continue` is answered `100 Continue` only when a route starts reading the body. A
 * route that answers from the head first (media type, declared size, headers: the webhook's checks in
 * the contract's order) sends its answer without it, and the connection is closed, so an unwanted
 * body is neither sent nor read. Node's default sends `100 Continue` before any route has looked.
 */
function continueWhenTheBodyIsRead(server: Server, awaitingContinue: WeakSet<IncomingMessage>): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    awaitingContinue.add(req);
    // body parsers read with on('data'), which resumes the stream
    req.once('resume', () => {
      if (!res.headersSent) res.writeContinue();
    });
    server.emit('request', req, res);
  });
}

/** An `Expect` other than `100-continue`: Node's own `417` has an empty body. */
function refuseOtherExpectations(server: Server): void {
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify({ error: 'expectation_failed' });
    res.writeHead(417, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    res.end(body);
  });
}

/**
 * The receiver's HTTP server, the one wiring every way it listens uses (src/server.ts, the tests):
 * every answer, also those Node gives before the app sees a request, is JSON.
 */
export function createReceiverServer(app: RequestListener, logger: Logger): Server {
  const server = createServer();
  // the response in progress on each connection, so that a parse error never writes into it
  const inFlight = new WeakMap<Duplex, ServerResponse>();
  const awaitingContinue = new WeakSet<IncomingMessage>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    inFlight.set(req.socket, res);
    closeUnlessTheBodyIsRead(req, res, awaitingContinue.has(req));
    res.once('finish', () => {
      if (inFlight.get(req.socket) === res) inFlight.delete(req.socket);
    });
    app(req, res);
  });
  answerClientErrors(server, logger, inFlight);
  continueWhenTheBodyIsRead(server, awaitingContinue);
  refuseOtherExpectations(server);
  return server;
}

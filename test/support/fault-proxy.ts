// A loopback fault-injection proxy in front of the AWS emulator: it forwards each request to moto, or answers it
// with a fault shaped the way the real service would — throttling and 5xx in each protocol's own error document,
// dropped connections, answers slower than the client's socket timeout, truncated bodies, credentials that expire
// after N requests. Faults are drawn from a seeded PRNG, so a run's fault mix is reproducible in kind and rate.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Probabilities per request (0–1), checked in this order; the rest is forwarded untouched. */
export interface FaultPlan {
  seed?: number;
  throttle?: number;
  serverError?: number;
  drop?: number;
  /** Answered only after `slowMs` (longer than the client's socket timeout). */
  slow?: number;
  slowMs?: number;
  /** The emulator's answer cut short, with a Content-Length that matches the cut (it looks complete). */
  truncate?: number;
  /** Every request after this many (counted from when the plan was set) is refused with the expired-token error. */
  expireCredentialsAfter?: number;
}

export interface FaultStats {
  requests: number;
  forwarded: number;
  throttled: number;
  serverErrors: number;
  dropped: number;
  slowed: number;
  truncated: number;
  expired: number;
  /** Throttles by protocol, to prove each error shape was exercised. */
  throttledByProtocol: Record<Protocol, number>;
}

export interface FaultProxy {
  endpoint: string;
  stats: FaultStats;
  /** Change the plan between runs (the PRNG restarts from the plan's seed). */
  setPlan(plan: FaultPlan): void;
  stop(): Promise<void>;
}

/** The AWS wire protocols Rampart's clients speak. */
export type Protocol = 'json' | 'query' | 'ec2' | 'rest-xml' | 'rest-json';

/** mulberry32: small, fast, good enough to draw faults from. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The signing name in the SigV4 credential scope: `Credential=AKID/20240101/us-east-1/ec2/aws4_request`. */
function signingService(req: IncomingMessage): string {
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

export function protocolOf(req: IncomingMessage): Protocol {
  if (req.headers['x-amz-target']) return 'json';
  const service = signingService(req);
  if (service === 'ec2') return 'ec2';
  if (service === 's3') return 'rest-xml';
  if (/application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return 'query';
  return 'rest-json';
}

interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const requestId = 'fa017-0000-4000-8000-000000000000';

/** An AWS error document for `code`, in the protocol's shape (what the SDK's deserialisers expect). */
export function errorAnswer(protocol: Protocol, status: number, code: string, message: string): ErrorAnswer {
  const xml = { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
  switch (protocol) {
    case 'json':
      return {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: code, message }),
      };
    case 'rest-json':
      return {
        status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': requestId },
        body: JSON.stringify({ message }),
      };
    case 'query':
      return {
        status,
        headers: xml,
        body: `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'ec2':
      return {
        status,
        headers: xml,
        body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case 'rest-xml':
      return {
        status,
        headers: { ...xml, 'x-amz-request-id': requestId },
        body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
      };
  }
}

/** Throttling as each protocol's services really answer it. */
export function throttleAnswer(protocol: Protocol): ErrorAnswer {
  switch (protocol) {
    case 'json':
      return errorAnswer(protocol, 400, 'ThrottlingException', 'Rate exceeded');
    case 'query':
      return errorAnswer(protocol, 400, 'Throttling', 'Rate exceeded');
    case 'ec2':
      return errorAnswer(protocol, 503, 'RequestLimitExceeded', 'Request limit exceeded.');
    case 'rest-xml':
      return errorAnswer(protocol, 503, 'SlowDown', 'Please reduce your request rate.');
    case 'rest-json':
      return errorAnswer(protocol, 429, 'TooManyRequestsException', 'Rate exceeded');
  }
}

/** A transient server-side failure, with a proper error document (so it is retried, not taken as "unsupported"). */
export function serverErrorAnswer(protocol: Protocol, pick: number): ErrorAnswer {
  if (pick < 0.5) {
    const code = protocol === 'rest-json' ? 'InternalServerException' : protocol === 'ec2' || protocol === 'rest-xml' ? 'InternalError' : 'InternalFailure';
    return errorAnswer(protocol, 500, code, 'We encountered an internal error. Please try again.');
  }
  return errorAnswer(protocol, 503, 'ServiceUnavailable', 'Service is unavailable. Please try again.');
}

export function expiredAnswer(protocol: Protocol): ErrorAnswer {
  const code = protocol === 'json' || protocol === 'rest-json' ? 'ExpiredTokenException' : 'ExpiredToken';
  return errorAnswer(protocol, 400, code, 'The security token included in the request is expired');
}

function send(res: ServerResponse, a: ErrorAnswer): void {
  res.writeHead(a.status, { ...a.headers, 'content-length': String(Buffer.byteLength(a.body)) });
  res.end(a.body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const up = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }));
        r.on('error', reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

function reply(res: ServerResponse, up: Upstream, body: Buffer): void {
  const headers = { ...up.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  res.writeHead(up.status, headers);
  res.end(body);
}

export async function startFaultProxy(targetEndpoint: string, initial: FaultPlan = {}): Promise<FaultProxy> {
  const target = new URL(targetEndpoint);
  let plan = initial;
  let random = prng(plan.seed ?? 1);
  let requestsBeforePlan = 0;
  const stats: FaultStats = {
    requests: 0,
    forwarded: 0,
    throttled: 0,
    serverErrors: 0,
    dropped: 0,
    slowed: 0,
    truncated: 0,
    expired: 0,
    throttledByProtocol: { json: 0, query: 0, ec2: 0, 'rest-xml': 0, 'rest-json': 0 },
  };
  const timers = new Set<NodeJS.Timeout>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    stats.requests += 1;
    const protocol = protocolOf(req);
    if (plan.expireCredentialsAfter !== undefined && stats.requests - requestsBeforePlan > plan.expireCredentialsAfter) {
      stats.expired += 1;
      return send(res, expiredAnswer(protocol));
    }
    // one draw per request decides its fault: the bands follow each other in [0, 1)
    let r = random();
    const band = (p: number | undefined) => {
      const hit = r < (p ?? 0);
      r -= p ?? 0;
      return hit;
    };
    if (band(plan.throttle)) {
      stats.throttled += 1;
      stats.throttledByProtocol[protocol] += 1;
      return send(res, throttleAnswer(protocol));
    }
    if (band(plan.serverError)) {
      stats.serverErrors += 1;
      return send(res, serverErrorAnswer(protocol, random()));
    }
    if (band(plan.drop)) {
      stats.dropped += 1;
      req.socket.destroy();
      return;
    }
    const slow = band(plan.slow);
    const truncate = band(plan.truncate);
    const up = await forward(target, req, body);
    stats.forwarded += 1;
    if (slow) {
      stats.slowed += 1;
      // the client gives up first; writing to its closed socket afterwards is harmless
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, plan.slowMs ?? 5_000);
        timers.add(t);
      });
      if (res.destroyed) return;
    }
    if (truncate && up.body.length > 1) {
      stats.truncated += 1;
      return reply(res, up, up.body.subarray(0, Math.floor(up.body.length * random())));
    }
    reply(res, up, up.body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) send(res, errorAnswer('rest-json', 502, 'BadGateway', 'fault proxy could not reach the emulator'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    setPlan(next) {
      plan = next;
      random = prng(next.seed ?? 1);
      requestsBeforePlan = stats.requests;
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

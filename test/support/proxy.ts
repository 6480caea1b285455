// A loopback HTTP proxy in front of the emulator: adds latency per request (AWS-like, for the bench) and can answer
// chosen requests itself (e.g. refuse one member's AssumeRole), which the emulator cannot be told to do.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';

export interface ProxyOptions {
  /** Upstream endpoint, e.g. the emulator's http://127.0.0.1:PORT. */
  target: string;
  /** Delay added before forwarding each request. */
  latencyMs?: number;
  /** Answer a request without forwarding it: return a status, headers and body, or undefined to forward. */
  intercept?: (req: IncomingMessage, body: string) => { status: number; headers?: Record<string, string>; body: string } | undefined;
}

export interface Proxy {
  endpoint: string;
  /** Requests seen (forwarded or intercepted). */
  requests(): number;
  stop(): Promise<void>;
}

export async function startProxy(opts: ProxyOptions): Promise<Proxy> {
  const target = new URL(opts.target);
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count += 1;
      const body = Buffer.concat(chunks);
      const forward = () => {
        const answer = opts.intercept?.(req, body.toString('utf8'));
        if (answer) {
          res.writeHead(answer.status, { 'content-type': 'text/xml', ...answer.headers });
          res.end(answer.body);
          return;
        }
        const up = request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (upRes) => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
        );
        up.on('error', (e) => {
          res.writeHead(502);
          res.end(String(e));
        });
        up.end(body);
      };
      if (opts.latencyMs) setTimeout(forward, opts.latencyMs);
      else forward();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The STS error document AWS sends when a caller may not assume a role. */
export function assumeRoleDenied(roleArn: string, caller = 'arn:aws:iam::123456789012:user/moto') {
  return {
    status: 403,
    body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
  };
}

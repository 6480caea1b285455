// Test harness for the local AWS emulator (moto, in the machine's python3): start on a free loopback port,
// reset between tests, stop at the end. Nothing here ever talks to anything but 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Environment that keeps the SDK and moto on loopback with fake credentials. */
export function fakeAwsEnv(endpoint?: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    ...(endpoint ? { AWS_ENDPOINT_URL: endpoint } : {}),
  };
}

let cachedAvailability: boolean | undefined;
/** Whether python3 can import moto here. */
export function motoAvailable(): boolean {
  if (cachedAvailability === undefined) {
    const r = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' });
    cachedAvailability = r.status === 0;
  }
  return cachedAvailability;
}

export const MOTO_SKIP_REASON = 'moto is not installed in python3: the AWS emulator suite was skipped (pip install "moto[server]")';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Moto {
  endpoint: string;
  /** The emulator's process id (benchmarks read its CPU time from /proc). */
  pid: number | undefined;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `managedPolicies: false` skips loading AWS's ~1,000 managed policies into every account the emulator creates:
 * organization tests make several accounts, and each load costs seconds of emulator CPU.
 */
export async function startMoto(opts: { managedPolicies?: boolean } = {}): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, ...fakeAwsEnv(), MOTO_IAM_LOAD_MANAGED_POLICIES: opts.managedPolicies === false ? 'false' : 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited early (${child.exitCode}):\n${stderr}`);
    try {
      const r = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (r.ok || r.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto did not start within 30s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    pid: child.pid,
    async reset() {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!r.ok) throw new Error(`moto reset failed: HTTP ${r.status}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

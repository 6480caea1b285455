// JSON lines sink: one Alert object per line on a stream (stdout), for jq, files and log shippers.
// Suppression notices are not written here (they would break "one Alert per line"); the run reports them on stderr.
import type { Alert } from '../types.ts';
import { writeText } from './stream.ts';
import type { AlertSink, RunSummary, SuppressionNotice } from './types.ts';

export class JsonLinesSink implements AlertSink {
  readonly name = 'jsonl';
  private readonly out: NodeJS.WritableStream;
  constructor(out: NodeJS.WritableStream) {
    this.out = out;
  }
  send(alert: Alert): Promise<void> {
    return writeText(this.out, `${JSON.stringify(alert)}\n`);
  }
  async notice(_n: SuppressionNotice): Promise<void> {}
  async close(_summary: RunSummary): Promise<void> {}
}

// Writing to stdout-like streams with backpressure: a slow consumer (a pipe to `less`) pauses the pipeline instead of buffering.
import { once } from 'node:events';

export async function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  // `once` rejects if the stream emits 'error' (e.g. EPIPE) while we wait.
  if (!stream.write(text)) await once(stream, 'drain');
}

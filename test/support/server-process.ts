import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Waits for a server child process's "listening on" line (keeping every stdout line in `logLines`,
 * for the tests that read the log): the URL it names. Fails with what it wrote on stderr when it
 * exits first, or says nothing by `timeoutMs`.
 */
export function listeningUrl(
  child: ChildProcessWithoutNullStreams,
  { logLines, stderr, timeoutMs }: { logLines: string[]; stderr: () => string; timeoutMs: number },
): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within ${timeoutMs} ms: ${stderr()}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr()}`)));
    lines.on('line', (line) => {
      logLines.push(line);
      const match = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
}

import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger';

export type LogLine = Record<string, unknown>;

/** A logger whose every line is kept, through a pino destination stream, for assertions. */
export function capturedLogger(): { logger: Logger; raw: string[]; lines: () => LogLine[] } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { logger: createLogger('info', destination), raw, lines: () => raw.map((line) => JSON.parse(line) as LogLine) };
}

import assert from 'node:assert/strict';
import type { RawResponse } from './http-client';

/**
 * What the enumeration tests share: they time requests for an account that exists and one that does
 * not, and compare the medians (a mean would let one slow outlier on a busy machine decide) and the
 * answers' header names.
 */

/** Milliseconds until `send` has answered, after checking it answered `expectedStatus`. */
export async function timeResponse(send: () => Promise<RawResponse>, expectedStatus: number): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await send();
  assert.equal(response.status, expectedStatus);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface PairedTimes {
  knownTimes: number[];
  unknownTimes: number[];
}

/**
 * `samples` timings of each kind, interleaved and alternating which goes first, so drift in machine
 * load hits both alike.
 */
export async function sampleInterleaved(
  samples: number,
  timeKnown: (sample: number) => Promise<number>,
  timeUnknown: (sample: number) => Promise<number>,
): Promise<PairedTimes> {
  const knownTimes: number[] = [];
  const unknownTimes: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    if (sample % 2 === 0) {
      knownTimes.push(await timeKnown(sample));
      unknownTimes.push(await timeUnknown(sample));
    } else {
      unknownTimes.push(await timeUnknown(sample));
      knownTimes.push(await timeKnown(sample));
    }
  }
  return { knownTimes, unknownTimes };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The header names an answer carries, less those that differ on every request (date, request id). */
export const comparableHeaderNames = (response: RawResponse): string[] =>
  Object.keys(response.headers)
    .filter((name) => !['date', 'x-request-id'].includes(name))
    .sort();

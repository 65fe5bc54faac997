import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpApiEvent } from '../harness/api-gateway-events';
import type { LaidOutHandler, LambdaLayout } from './lambda-layout';
import { firstJsonLine, spawnNode } from './processes';
import { median } from './stats';

/**
 * Lambda cold starts, compared in the same run: the `sam build` artifact of AuthFunction against a
 * minimal handler that only does the verify's session read with the bare SDK (both laid out by
 * lambda-layout.ts). Each start is a fresh Node process that loads the module and answers one HTTP API
 * (payload 2.0) verify event; the sides take turns so drift on a shared machine hits them alike.
 */

interface Invocation {
  nodeBootMs: number;
  loadMs: number;
  firstInvokeMs: number;
  coldStartMs: number;
  statusCode: number;
  /** Where bcrypt was loaded from, if it was. */
  bcryptFrom: string | null;
  /** Resident memory right after the first answer. */
  rssMiB: number;
}

export interface ColdStartSide {
  bundleBytes: number;
  /** Medians over the runs. */
  coldStartMs: number;
  loadMs: number;
  firstInvokeMs: number;
  /** From spawning the process to its answer, Node's own start included. */
  processToAnswerMs: number;
  /** Resident memory right after the first answer. */
  rssMiB: number;
  runs: Invocation[];
}

export type ColdStartResult = ColdStartFigures | { available: false; reason: string };

export interface ColdStartFigures {
  available: true;
  /** The artifact as template.yaml runs it (its NODE_OPTIONS included). */
  service: ColdStartSide;
  minimal: ColdStartSide;
  /** The artifact without the template's NODE_OPTIONS; null when the template sets none. */
  serviceWithoutNodeOptions: ColdStartSide | null;
  nodeOptions: string | null;
  /** Set when src/ changed after the artifact was built: the figures are then the old code's. */
  staleBuild: string | null;
  problems: string[];
}

/** One cold start in a fresh process (with extra node flags, e.g. --cpu-prof), timed from the spawn. */
export async function invokeCold(
  layout: LambdaLayout,
  side: LaidOutHandler,
  eventFile: string,
  nodeArgs: string[] = [],
): Promise<Invocation & { wallMs: number }> {
  const started = performance.now();
  const child = spawnNode([...nodeArgs, layout.runners.cold, side.handler, eventFile], side.env);
  try {
    const answer = await firstJsonLine<Invocation>(child, 30_000);
    const wallMs = performance.now() - started;
    // The runner exits by itself once it answered; letting it do so is what writes a --cpu-prof profile.
    await child.exited(10_000);
    return { ...answer, wallMs };
  } finally {
    await child.stop();
  }
}

function summarize(bundleBytes: number, runs: (Invocation & { wallMs: number })[]): ColdStartSide {
  return {
    bundleBytes,
    coldStartMs: median(runs.map((run) => run.coldStartMs)),
    loadMs: median(runs.map((run) => run.loadMs)),
    firstInvokeMs: median(runs.map((run) => run.firstInvokeMs)),
    processToAnswerMs: median(runs.map((run) => run.wallMs)),
    rssMiB: median(runs.map((run) => run.rssMiB)),
    runs: runs.map(({ wallMs: _wallMs, ...run }) => run),
  };
}

/** The HTTP API (payload 2.0) verify event every cold start answers, as a file for the runner. */
export async function writeVerifyEvent(layout: LambdaLayout, token: string): Promise<string> {
  const eventFile = join(layout.work, 'verify-event.json');
  await writeFile(eventFile, JSON.stringify(httpApiEvent({ method: 'POST', path: '/verify', body: { token } })));
  return eventFile;
}

export async function measureColdStart(
  layout: LambdaLayout,
  options: { runs: number; token: string },
): Promise<ColdStartFigures> {
  const eventFile = await writeVerifyEvent(layout, options.token);
  // Each side: a handler and the environment it starts in. The service also runs without the template's
  // NODE_OPTIONS, to show what they cost.
  const sides = [
    { name: 'service', side: layout.service },
    { name: 'minimal', side: layout.minimal },
    ...(layout.serviceWithoutNodeOptions === null
      ? []
      : [{ name: 'serviceWithoutNodeOptions', side: layout.serviceWithoutNodeOptions }]),
  ] as const;
  const runs = new Map<string, (Invocation & { wallMs: number })[]>(sides.map((side) => [side.name, []]));
  for (let index = 0; index < options.runs; index += 1) {
    // Rotate which goes first so no side always gets the warmer page cache.
    for (let offset = 0; offset < sides.length; offset += 1) {
      const side = sides[(index + offset) % sides.length];
      if (side !== undefined) runs.get(side.name)?.push(await invokeCold(layout, side.side, eventFile));
    }
  }
  const serviceRuns = runs.get('service') ?? [];
  const minimalRuns = runs.get('minimal') ?? [];
  const withoutRuns = runs.get('serviceWithoutNodeOptions') ?? [];
  const problems = [
    ...[...serviceRuns, ...withoutRuns]
      .filter((run) => run.statusCode !== 200)
      .map((run) => `cold start: the built AuthFunction answered ${run.statusCode}`),
    ...minimalRuns
      .filter((run) => run.statusCode !== 200)
      .map((run) => `cold start: the minimal handler answered ${run.statusCode}`),
    ...[...serviceRuns, ...withoutRuns]
      .filter((run) => run.bcryptFrom === null || !run.bcryptFrom.startsWith(layout.layerModules))
      .map((run) => `cold start: bcrypt did not load from the layer (${run.bcryptFrom ?? 'not loaded'})`),
  ];
  return {
    available: true,
    service: summarize(layout.service.bundleBytes, serviceRuns),
    minimal: summarize(layout.minimal.bundleBytes, minimalRuns),
    serviceWithoutNodeOptions: withoutRuns.length === 0 ? null : summarize(layout.service.bundleBytes, withoutRuns),
    nodeOptions: layout.nodeOptions,
    staleBuild: layout.staleBuild,
    problems,
  };
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpApiEvent } from '../harness/api-gateway-events';
import { authorizerEvent } from '../harness/authorizer-events';
import type { WarmInvokeJob, WarmInvokeResult } from './lambda/warm-invoke';
import type { LaidOutHandler, LambdaLayout } from './lambda-layout';
import { firstJsonLine, spawnNode } from './processes';
import { median } from './stats';

/**
 * What a warm Lambda invoke costs, which is what Lambda bills: the CPU of the built AuthFunction per
 * verify (an HTTP API payload 2.0 event through serverless-express) against the minimal bare-SDK
 * handler's, and the same for the authorizer. Each side runs in rounds, a fresh process each, taking
 * turns with its reference so that drift on a shared machine hits both alike; the figure is the median
 * round. The store's CPU is not counted (it is another process), only the handler's own.
 */
export interface WarmInvokeSide {
  cpuMsPerInvoke: number;
  wallMsP50: number;
  wallMsP99: number;
  rssMiB: number;
  rounds: WarmInvokeResult[];
}

export interface WarmInvokeComparison {
  service: WarmInvokeSide;
  minimal: WarmInvokeSide;
  authorizer: WarmInvokeSide;
  minimalAuthorizer: WarmInvokeSide;
  invokesPerRound: number;
  warmupPerRound: number;
  problems: string[];
}

function summarize(rounds: WarmInvokeResult[]): WarmInvokeSide {
  return {
    cpuMsPerInvoke: median(rounds.map((round) => round.cpuMsPerInvoke)),
    wallMsP50: median(rounds.map((round) => round.wallMs.p50)),
    wallMsP99: median(rounds.map((round) => round.wallMs.p99)),
    rssMiB: median(rounds.map((round) => round.rssMiB)),
    rounds,
  };
}

export async function measureWarmInvokes(
  layout: LambdaLayout,
  options: { tokens: string[]; rounds: number; warmup: number; measured: number },
): Promise<WarmInvokeComparison> {
  const jobFile = async (name: string, job: WarmInvokeJob) => {
    const file = join(layout.work, `${name}.json`);
    await writeFile(file, JSON.stringify(job));
    return file;
  };
  const counts = { warmup: options.warmup, measured: options.measured };
  const verifyJob = await jobFile('warm-verify', {
    kind: 'http',
    events: options.tokens.map((token) => httpApiEvent({ method: 'POST', path: '/verify', body: { token } })),
    ...counts,
  });
  const authorizeJob = await jobFile('warm-authorize', {
    kind: 'authorizer',
    events: options.tokens.map((token) =>
      authorizerEvent({ method: 'GET', path: '/protected', headers: { authorization: `Bearer ${token}` } }),
    ),
    ...counts,
  });
  const sides = [
    { name: 'service', side: layout.service, job: verifyJob },
    { name: 'minimal', side: layout.minimal, job: verifyJob },
    { name: 'authorizer', side: layout.authorizer, job: authorizeJob },
    { name: 'minimalAuthorizer', side: layout.minimalAuthorizer, job: authorizeJob },
  ] as const;
  const rounds = new Map<string, WarmInvokeResult[]>(sides.map((side) => [side.name, []]));
  const run = async (side: LaidOutHandler, job: string) => {
    const child = spawnNode([layout.runners.warm, side.handler, job], side.env);
    try {
      return await firstJsonLine<WarmInvokeResult>(child, 120_000);
    } finally {
      await child.stop();
    }
  };
  for (let round = 0; round < options.rounds; round += 1) {
    for (let offset = 0; offset < sides.length; offset += 1) {
      const side = sides[(round + offset) % sides.length];
      if (side !== undefined) rounds.get(side.name)?.push(await run(side.side, side.job));
    }
  }
  const problems = [...rounds]
    .flatMap(([name, results]) => results.map((result) => ({ name, failures: result.failures })))
    .filter(({ failures }) => failures > 0)
    .map(({ name, failures }) => `warm invokes: ${name} failed ${failures} invokes`);
  const of = (name: string) => summarize(rounds.get(name) ?? []);
  return {
    service: of('service'),
    minimal: of('minimal'),
    authorizer: of('authorizer'),
    minimalAuthorizer: of('minimalAuthorizer'),
    invokesPerRound: options.measured,
    warmupPerRound: options.warmup,
    problems,
  };
}

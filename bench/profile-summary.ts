import { readFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): where a process's CPU time went, by package
 * and by function, counting each sample's own frame (self time). Frames of a bundle with a source map
 * are mapped back to the files and packages they came from; within one bundled function (an esbuild
 * bundle runs every ES module's top level in one), the samples are split by the line they hit, which
 * says something when the bundle was built with short lines. Also runs as
 * `node --import tsx bench/profile-summary.ts <file>`.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  /** Samples by 1-based line within the function, where V8 recorded them. */
  positionTicks?: { line: number; ticks: number }[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: { name: string; ms: number; share: number }[];
  /**
   * Each sample counted for the nearest frame on its stack outside Node itself, so the time Node spends
   * inside a library's call (a socket write under res.end, a hash under a signer) is that library's.
   */
  byCaller: { name: string; ms: number; share: number }[];
  topFunctions: { name: string; ms: number; share: number }[];
}

const NODE_ITSELF = 'node (internals)';
/** V8's own buckets: no stack to walk. */
const V8_BUCKETS = new Set(['(idle)', '(garbage collector)', '(program)']);

/** The package a frame belongs to: a node_modules package, Node itself, this project's src/, or V8's own buckets. */
function packageOf(frame: CallFrame): string {
  if (frame.url === '') return frame.functionName === '' ? '(anonymous native)' : frame.functionName;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (inModules?.[1] !== undefined) return inModules[1];
  if (frame.url.startsWith('node:')) return NODE_ITSELF;
  if (frame.url.includes('/src/') || frame.url.includes('/.server-build/')) return 'service (src/)';
  return frame.url;
}

/** Source maps of bundles, by the URL their frames carry. */
export type SourceMaps = Map<string, SourceMap>;

export async function loadSourceMaps(bundles: string[]): Promise<SourceMaps> {
  const maps: SourceMaps = new Map();
  for (const bundle of bundles) {
    const map = new SourceMap(JSON.parse(await readFile(`${bundle}.map`, 'utf8')));
    maps.set(`file://${bundle}`, map);
    maps.set(bundle, map);
  }
  return maps;
}

/** Where a position of a bundle came from; the frame itself when there is no map or no mapping there. */
function mapped(
  frame: CallFrame,
  map: SourceMap | undefined,
  lineNumber = frame.lineNumber,
  columnNumber = frame.columnNumber,
): CallFrame {
  if (map === undefined) return frame;
  const entry = map.findEntry(lineNumber, columnNumber);
  if (!('originalSource' in entry)) return frame;
  const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
  // Node's entries carry the original name where the map has one (its types do not say so yet).
  const name = 'name' in entry && typeof entry.name === 'string' ? entry.name : '(minified)';
  return {
    functionName: name,
    url: source.replace(/^(\.\.\/)+/, '/'),
    lineNumber: entry.originalLine,
    columnNumber: entry.originalColumn,
  };
}

/** A node's self time goes to these frames in these shares: the frame itself, or, in a bundle, each line's source. */
function attribution(node: ProfileNode, sourceMaps: SourceMaps | undefined): { frame: CallFrame; share: number }[] {
  const map = sourceMaps?.get(node.callFrame.url);
  const ticks = node.positionTicks ?? [];
  const total = ticks.reduce((sum, tick) => sum + tick.ticks, 0);
  if (map === undefined || total === 0) return [{ frame: mapped(node.callFrame, map), share: 1 }];
  return ticks.map((tick) => ({ frame: mapped(node.callFrame, map, tick.line - 1, 0), share: tick.ticks / total }));
}

/** The package of the nearest frame, from a node up, that is not Node's own; undefined when the whole stack is Node's. */
function callerOf(node: ProfileNode, parents: Map<number, ProfileNode>, sourceMaps: SourceMaps | undefined): string | undefined {
  for (let frame: ProfileNode | undefined = node; frame !== undefined; frame = parents.get(frame.id)) {
    const { callFrame } = frame;
    if (callFrame.url === '' && V8_BUCKETS.has(callFrame.functionName)) return callFrame.functionName;
    const name = packageOf(mapped(callFrame, sourceMaps?.get(callFrame.url)));
    if (name !== NODE_ITSELF && callFrame.url !== '') return name;
  }
  return undefined;
}

export function summarizeProfile(profile: CpuProfile, top = 15, sourceMaps?: SourceMaps): ProfileSummary {
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
  const callerMs = new Map<string, number>();
  const selfMs = new Map<number, number>();
  for (const [index, id] of profile.samples.entries()) {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  }
  const packageMs = new Map<string, number>();
  const functionMs = new Map<string, number>();
  const add = (entries: Map<string, number>, key: string, ms: number) => entries.set(key, (entries.get(key) ?? 0) + ms);
  let totalMs = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (ms === 0) continue;
    totalMs += ms;
    add(callerMs, callerOf(node, parents, sourceMaps) ?? 'node (nothing above it: socket reads, HTTP parsing, timers)', ms);
    for (const { frame, share } of attribution(node, sourceMaps)) {
      add(packageMs, packageOf(frame), ms * share);
      const where =
        frame.url === ''
          ? ''
          : ` ${frame.url.replace(/^.*node_modules\//, '').replace(/^(file:\/\/.*)?\/src\//, 'src/')}:${frame.lineNumber + 1}`;
      add(functionMs, `${frame.functionName || '(anonymous)'}${where}`, ms * share);
    }
  }
  const ranked = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
  return { totalMs, byPackage: ranked(packageMs), byCaller: ranked(callerMs), topFunctions: ranked(functionMs) };
}

export async function summarizeProfileFile(path: string, top?: number, sourceMaps?: SourceMaps): Promise<ProfileSummary> {
  return summarizeProfile(JSON.parse(await readFile(path, 'utf8')) as CpuProfile, top, sourceMaps);
}

/** Several profiles (e.g. one per cold start) as one: their samples added up. */
export async function summarizeProfileFiles(paths: string[], top?: number, sourceMaps?: SourceMaps): Promise<ProfileSummary> {
  let nextId = 0;
  const merged: CpuProfile = { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 };
  for (const path of paths) {
    const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
    const offset = nextId;
    for (const node of profile.nodes) {
      merged.nodes.push({ ...node, id: node.id + offset });
      nextId = Math.max(nextId, node.id + offset + 1);
    }
    merged.samples.push(...profile.samples.map((id) => id + offset));
    merged.timeDeltas.push(...profile.timeDeltas);
  }
  return summarizeProfile(merged, top, sourceMaps);
}

export function formatSummary(summary: ProfileSummary): string {
  const line = (entry: { name: string; ms: number; share: number }) =>
    `  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.ms.toFixed(0).padStart(7)} ms  ${entry.name}`;
  return [
    `CPU samples: ${summary.totalMs.toFixed(0)} ms`,
    'By package (self time):',
    ...summary.byPackage.map(line),
    "By caller (Node's own time counted for the code that called into it):",
    ...summary.byCaller.map(line),
    'Top functions (self time):',
    ...summary.topFunctions.map(line),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile>');
  console.log(formatSummary(await summarizeProfileFile(file, 25)));
}

import { readFile } from 'node:fs/promises';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the server's CPU time went, by package
 * and by function, counting each sample's own frame (self time). `npm run bench -- --cpu-prof` writes
 * one per phase of interest; this prints the summary, also as `node --import tsx bench/profile-summary.ts <file>`.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
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
  topFunctions: { name: string; ms: number; share: number }[];
}

/** The package a frame belongs to: a node_modules package, Node itself, this project's src/, or V8's own buckets. */
function packageOf(frame: CallFrame): string {
  if (frame.url === '') return frame.functionName === '' ? '(anonymous native)' : frame.functionName;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (inModules?.[1] !== undefined) return inModules[1];
  if (frame.url.startsWith('node:')) return 'node (internals)';
  if (frame.url.includes('/src/') || frame.url.includes('/.server-build/')) return 'service (src/)';
  return frame.url;
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const packageMs = new Map<string, number>();
  const functionMs = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    if (node === undefined) return;
    totalMs += ms;
    const pkg = packageOf(node.callFrame);
    packageMs.set(pkg, (packageMs.get(pkg) ?? 0) + ms);
    const where = node.callFrame.url === '' ? '' : ` ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/src\//, 'src/')}:${node.callFrame.lineNumber + 1}`;
    const name = `${node.callFrame.functionName || '(anonymous)'}${where}`;
    functionMs.set(name, (functionMs.get(name) ?? 0) + ms);
  });
  const ranked = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
  return { totalMs, byPackage: ranked(packageMs), topFunctions: ranked(functionMs) };
}

export async function summarizeProfileFile(path: string, top?: number): Promise<ProfileSummary> {
  return summarizeProfile(JSON.parse(await readFile(path, 'utf8')) as CpuProfile, top);
}

export function formatSummary(summary: ProfileSummary): string {
  const line = (entry: { name: string; ms: number; share: number }) =>
    `  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.ms.toFixed(0).padStart(7)} ms  ${entry.name}`;
  return [
    `CPU samples: ${summary.totalMs.toFixed(0)} ms`,
    'By package (self time):',
    ...summary.byPackage.map(line),
    'Top functions (self time):',
    ...summary.topFunctions.map(line),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile>');
  console.log(formatSummary(await summarizeProfileFile(file, 25)));
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One line of the results: a figure, the limit it is bound by (measured in the same run), and the goal. */
export interface Row {
  id: string;
  measure: string;
  figure: number;
  unit: string;
  reference?: { label: string; value: number; unit: string };
  /** figure / reference. */
  ratio?: number;
  /** Throughputs read as a share of their limit (85%), times as a factor of their reference (1.20×). */
  ratioAs?: 'percent' | 'factor';
  /** met is null when the figure could not be measured in this run. */
  goal?: { text: string; met: boolean | null };
  note?: string;
}

export interface BenchResults {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSeconds: number;
  machine: { node: string; platform: string; cpus: string; availableParallelism: number; totalMemoryGiB: number };
  settings: Record<string, string | number | boolean>;
  rows: Row[];
  /** Raw figures behind the rows, for anyone who wants more than the table. */
  details: Record<string, unknown>;
  problems: string[];
  /** Loads that ended before their first answer: a slow machine, not a fault. */
  warnings: string[];
}

const formatNumber = (value: number): string => {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

const withUnit = (value: number, unit: string) => `${formatNumber(value)} ${unit}`.trim();

export function formatRatio(row: Row): string {
  if (row.ratio === undefined) return '—';
  return row.ratioAs === 'factor' ? `${row.ratio.toFixed(2)}×` : `${(row.ratio * 100).toFixed(0)}%`;
}

function cells(row: Row): string[] {
  return [
    row.measure,
    withUnit(row.figure, row.unit),
    row.reference === undefined ? '—' : `${withUnit(row.reference.value, row.reference.unit)} (${row.reference.label})`,
    formatRatio(row),
    row.goal?.text ?? '—',
    row.goal === undefined ? '' : row.goal.met === null ? 'not run' : row.goal.met ? 'met' : 'MISSED',
  ];
}

const HEADERS = ['Measure', 'Figure', 'Reference (limit, same run)', 'Ratio', 'Goal', 'Result'];

export function terminalTable(rows: Row[]): string {
  const table = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((line) => (line[column] ?? '').length)));
  const line = (values: string[]) => values.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ');
  return [line(HEADERS), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map((row) => line(cells(row)))].join('\n');
}

export function markdownTable(rows: Row[]): string {
  const escapeCell = (value: string) => value.replaceAll('|', '\\|');
  return [
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${cells(row).map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

export function markdownReport(results: BenchResults): string {
  const settings = Object.entries(results.settings)
    .map(([key, value]) => `- ${key}: ${String(value)}`)
    .join('\n');
  const notes = results.rows
    .filter((row) => row.note !== undefined)
    .map((row) => `- ${row.measure}: ${row.note}`)
    .join('\n');
  return `# Benchmark results (${results.mode} run)

Run ${results.startedAt} on ${results.machine.cpus} (${results.machine.availableParallelism} cores available), Node ${results.machine.node}, ${results.machine.platform}; took ${Math.round(results.durationSeconds)} s.

${markdownTable(results.rows)}

## Settings

${settings}
${notes === '' ? '' : `\n## Notes\n\n${notes}\n`}
${results.problems.length === 0 ? 'No request failed: every answer was 2xx.' : `## Problems\n\n${results.problems.map((problem) => `- ${problem}`).join('\n')}`}
${results.warnings.length === 0 ? '' : `\n## Warnings\n\n${results.warnings.map((warning) => `- ${warning}`).join('\n')}\n`}`;
}

export async function writeResults(directory: string, baseName: string, results: BenchResults, svg: string): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const files = [
    [join(directory, `${baseName}.json`), `${JSON.stringify(results, null, 2)}\n`],
    [join(directory, `${baseName}.md`), markdownReport(results)],
    [join(directory, `${baseName}-latency.svg`), svg],
  ] as const;
  await Promise.all(files.map(([path, text]) => writeFile(path, text)));
  return files.map(([path]) => path);
}

/**
 * A hand-written SVG of latency percentiles against offered load, one panel per endpoint. Latency is
 * on a log scale because it spans from a few milliseconds to queueing delays of seconds.
 */
export interface CurvePoint {
  offeredPerSecond: number;
  achievedPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface Panel {
  title: string;
  /** A vertical marker, e.g. the measured limit. */
  limit?: { label: string; perSecond: number };
  points: CurvePoint[];
}

const WIDTH = 460;
const HEIGHT = 320;
const MARGIN = { top: 40, right: 20, bottom: 50, left: 60 };
const SERIES = [
  { key: 'p50', color: '#1b9e77' },
  { key: 'p90', color: '#d95f02' },
  { key: 'p99', color: '#7570b3' },
] as const;

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);

function niceCeil(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return (
    [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((step) => step * magnitude).find((candidate) => candidate >= value) ?? value
  );
}

function panel(data: Panel, offsetX: number, subtitle: string): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxX = niceCeil(Math.max(1, ...data.points.map((point) => point.offeredPerSecond), data.limit?.perSecond ?? 0) * 1.05);
  const latencies = data.points.flatMap((point) => [point.p50, point.p90, point.p99]).filter((value) => value > 0);
  const minLog = Math.floor(Math.log10(Math.max(0.5, Math.min(1, ...latencies))));
  const maxLog = Math.ceil(Math.log10(Math.max(10, ...latencies)));
  const x = (value: number) => offsetX + MARGIN.left + (value / maxX) * plotWidth;
  const y = (value: number) =>
    MARGIN.top + plotHeight - ((Math.log10(Math.max(value, 10 ** minLog)) - minLog) / (maxLog - minLog)) * plotHeight;

  const parts: string[] = [];
  parts.push(`<text x="${offsetX + WIDTH / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeXml(data.title)}</text>`);
  parts.push(
    `<text x="${offsetX + WIDTH / 2}" y="32" text-anchor="middle" font-size="10" fill="#555">${escapeXml(subtitle)}</text>`,
  );
  for (let power = minLog; power <= maxLog; power += 1) {
    const value = 10 ** power;
    parts.push(`<line x1="${x(0)}" x2="${x(maxX)}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${x(0) - 6}" y="${y(value) + 4}" text-anchor="end" font-size="10">${value >= 1 ? value : value.toFixed(1)} ms</text>`,
    );
  }
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (maxX * tick) / 4;
    parts.push(`<line x1="${x(value)}" x2="${x(value)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#eee"/>`);
    parts.push(
      `<text x="${x(value)}" y="${MARGIN.top + plotHeight + 14}" text-anchor="middle" font-size="10">${Math.round(value)}</text>`,
    );
  }
  parts.push(
    `<text x="${offsetX + MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle" font-size="11">offered load (requests/s)</text>`,
  );
  parts.push(`<rect x="${x(0)}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#888"/>`);
  if (data.limit !== undefined) {
    const limitX = x(data.limit.perSecond);
    parts.push(
      `<line x1="${limitX}" x2="${limitX}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#c00" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${limitX - 4}" y="${MARGIN.top + plotHeight - 6}" text-anchor="end" font-size="10" fill="#c00">${escapeXml(data.limit.label)}</text>`,
    );
  }
  SERIES.forEach((series, index) => {
    const points = data.points.map((point) => `${x(point.offeredPerSecond).toFixed(1)},${y(point[series.key]).toFixed(1)}`);
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${series.color}" stroke-width="2"/>`);
    for (const point of data.points) {
      parts.push(
        `<circle cx="${x(point.offeredPerSecond).toFixed(1)}" cy="${y(point[series.key]).toFixed(1)}" r="3" fill="${series.color}"><title>${series.key} ${point[series.key]} ms at ${point.offeredPerSecond}/s offered, ${point.achievedPerSecond.toFixed(1)}/s answered</title></circle>`,
      );
    }
    const legendX = x(0) + 10 + index * 50;
    parts.push(`<rect x="${legendX}" y="${MARGIN.top + 6}" width="10" height="10" fill="${series.color}"/>`);
    parts.push(`<text x="${legendX + 14}" y="${MARGIN.top + 15}" font-size="10">${series.key}</text>`);
  });
  return parts.join('\n');
}

export function latencyChart(panels: Panel[], subtitle: string): string {
  const width = WIDTH * panels.length;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${panels.map((data, index) => panel(data, index * WIDTH, subtitle)).join('\n')}
</svg>
`;
}

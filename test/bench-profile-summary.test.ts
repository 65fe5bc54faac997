import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeProfile } from '../bench/profile-summary';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0, columnNumber: 0 },
  children,
});

/**
 * (root) → socket read (Node) → express's res.send → Node's res.end → writev (native), plus a sample
 * of Node alone, one of the garbage collector and one in express itself; 1 ms each sample.
 */
const profile = {
  nodes: [
    frame(1, '(root)', '', [2, 7]),
    frame(2, 'onStreamRead', 'node:internal/stream_base_commons', [3]),
    frame(3, 'send', 'file:///app/node_modules/express/lib/response.js', [4]),
    frame(4, 'end', 'node:_http_outgoing', [5]),
    frame(5, 'writev', ''),
    frame(7, '(garbage collector)', ''),
  ],
  samples: [5, 5, 4, 2, 7, 3],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000],
  startTime: 0,
  endTime: 6000,
};

const shares = (entries: { name: string; ms: number }[]) => Object.fromEntries(entries.map(({ name, ms }) => [name, ms]));

describe('bench profile summary', () => {
  it('counts self time where it was spent, by package', () => {
    const summary = summarizeProfile(profile);
    assert.equal(summary.totalMs, 6);
    assert.deepEqual(shares(summary.byPackage), {
      writev: 2,
      'node (internals)': 2,
      express: 1,
      '(garbage collector)': 1,
    });
  });

  it("counts Node's own time for the code that called into it", () => {
    assert.deepEqual(shares(summarizeProfile(profile).byCaller), {
      express: 4,
      'node (nothing above it: socket reads, HTTP parsing, timers)': 1,
      '(garbage collector)': 1,
    });
  });
});

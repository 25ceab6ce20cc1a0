import { createTimeline, moveCurrent, recordPresent, recordTurn, type CheckpointRecord, type Timeline } from '../../../src/pilot/timeline.js';
import { timelineView } from '../../../src/pilot/timeline-render.js';
import type { TimelineView } from '../../../src/protocol/pilot-view.js';

const files = (n: number) => ({ added: n, removed: 0, changed: 0, insertions: n * 3, deletions: 0 });

function turn(prompt: string, startedAt: number, seconds: number, extra: Partial<CheckpointRecord> = {}): CheckpointRecord {
  return {
    prompt, startedAt, endedAt: startedAt + seconds * 1000, snapshot: 'c0ffee', ref: 'refs/hangar/x', transcriptPath: null,
    logOffset: 0, conversationId: null, files: files(1), ...extra,
  };
}

/** The answer the server gives for a timeline (server/request-table.ts), from the real pilot modules. */
export function answerOf(tl: Timeline): TimelineView {
  return timelineView(tl);
}

/** root → T1 → T2 → T3, then back to T1 (the present saved as T4) and a new turn T5: a branch. */
export function branchedTimeline(): Timeline {
  let tl = createTimeline('builder', { ...turn('', 0, 0), files: files(0) });
  tl = recordTurn(tl, turn('write a.txt one', 1000, 12)).timeline;
  tl = recordTurn(tl, turn('write b.txt two', 20_000, 8)).timeline;
  tl = recordTurn(tl, turn('write a.txt three', 30_000, 5, { tokens: 4100, cost: 0.02 })).timeline;
  tl = recordPresent(tl, turn('', 40_000, 0), true).timeline;
  tl = moveCurrent(tl, 'T1');
  tl = recordTurn(tl, turn('try another approach\nwith a second line', 50_000, 20)).timeline;
  return tl;
}

/** root → T1 → T2 → T3, current T3. */
export function straightTimeline(): Timeline {
  let tl = createTimeline('builder', { ...turn('', 0, 0), files: files(0) });
  tl = recordTurn(tl, turn('write a.txt one', 1000, 12)).timeline;
  tl = recordTurn(tl, turn('write b.txt two', 20_000, 8)).timeline;
  return recordTurn(tl, turn('write a.txt three', 30_000, 5)).timeline;
}

import { createTimeline, nextLabel, recordPresent, recordTurn, type CheckpointRecord, type Timeline } from '../../src/pilot/timeline.js';

/** A checkpoint record as the controller would make it, for `label` (its ref and transcript). */
export function record(tl: Timeline, prompt: string, over: Partial<CheckpointRecord> = {}): CheckpointRecord {
  const label = nextLabel(tl);
  return {
    prompt,
    startedAt: 1_000,
    endedAt: 13_000,
    snapshot: `sha-${label}`,
    ref: `refs/hangar/${tl.agent}/${label}`,
    transcriptPath: `${label}.txt`,
    logOffset: 100,
    conversationId: 'conv-1',
    files: { added: 1, removed: 0, changed: 0, insertions: 3, deletions: 0 },
    ...over,
  };
}

export function newTimeline(agent = 'builder'): Timeline {
  return createTimeline(agent, {
    startedAt: 0,
    endedAt: 0,
    snapshot: 'sha-root',
    ref: `refs/hangar/${agent}/root`,
    transcriptPath: null,
    logOffset: 0,
    conversationId: null,
    files: { added: 0, removed: 0, changed: 0, insertions: 0, deletions: 0 },
  });
}

/** Record turns with these prompts, one after another. */
export function turns(tl: Timeline, ...prompts: string[]): Timeline {
  return prompts.reduce((t, p) => recordTurn(t, record(t, p)).timeline, tl);
}

export function present(tl: Timeline, differs = true): { timeline: Timeline; label: string | null } {
  return recordPresent(tl, record(tl, '', { conversationId: null }), differs);
}

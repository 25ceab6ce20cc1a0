import { describe, expect, it } from 'vitest';
import { runningWorkersUnder, treeName, workerTree } from '../../src/text/worker-tree.js';

const m = (name: string, parent?: string, pid: number | null = 1) => ({ name, pid, ...(parent ? { parent } : {}) });

describe('workerTree', () => {
  it("puts each orchestrator's workers (and theirs) right under it, the rest in the order given", () => {
    const members = [m('lead'), m('other'), m('w1', 'lead'), m('sub', 'w1'), m('w2', 'lead'), m('svc')];
    expect(workerTree(members).map(treeName)).toEqual(['lead', '↳ w1', '  ↳ sub', '↳ w2', 'other', 'svc']);
  });

  it('shows a worker whose orchestrator is not there at the top, and each member once', () => {
    expect(workerTree([m('w1', 'gone'), m('a', 'b'), m('b', 'a')]).map((r) => r.member.name)).toEqual(['w1', 'a', 'b']);
  });
});

describe('runningWorkersUnder (what hangar down ORCH asks about)', () => {
  it('names the running workers under the named members, not those named, stopped or elsewhere', () => {
    const members = [m('lead'), m('w1', 'lead'), m('sub', 'w1'), m('w2', 'lead', null), m('w3', 'lead'), m('x', 'other'), m('other')];
    expect(runningWorkersUnder(members, ['lead'])).toEqual(['w1', 'sub', 'w3']);
    expect(runningWorkersUnder(members, ['lead', 'w3'])).toEqual(['w1', 'sub']);
    expect(runningWorkersUnder(members, ['w3'])).toEqual([]);
  });
});

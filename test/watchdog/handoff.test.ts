import { describe, expect, it } from 'vitest';
import type { FleetConfig, HandoffConfig } from '../../src/config/types.js';
import {
  combinePings, decideHandoff, emptyHandoffState, fingerprint, handoffEnabled, handoffRepo, inboxCandidates,
  type HandoffCommit, type HandoffObservation, type HandoffState,
} from '../../src/watchdog/handoff.js';

// The texts agents.py types, word for word.
const CLAIM = 'watchdog ping: the other loop pushed a gate CLAIM commit. Pull and verify the claimed gate now.';
const REVIEW = 'watchdog ping: the other loop pushed a verdict/finding commit. Pull the review file and act.';
const inbox = (path: string) =>
  `watchdog ping: the other loop pushed ${path} — pull, read it, act, then delete the file (commit + push) to mark it consumed.`;

const HANDOFF: HandoffConfig = {
  state_subdir: 'machine-docs',
  claim_pattern: '^claim',
  review_pattern: '^review',
  claim_pings: 'adversary',
  review_pings: 'builder',
  inboxes: ['adv-inbox.md', 'builder-inbox.md'],
};

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

const commit = (subject: string, sha = C): HandoffCommit => ({ sha, subject });
const seen = (head: string | null, commits: HandoffCommit[] | null = [], inboxes: HandoffObservation['inboxes'] = {}): HandoffObservation =>
  ({ head, commits, inboxes });
const at = (sha: string, inboxes: Record<string, string> = {}): HandoffState => ({ sha, inboxes });
const sends = (actions: ReturnType<typeof decideHandoff>['actions']) =>
  actions.filter((a) => a.type === 'send').map((a) => (a.type === 'send' ? [a.name, a.text] : []));

describe('decideHandoff: commits on origin/main', () => {
  it('takes the first origin/main it sees as the baseline and pings nobody', () => {
    const d = decideHandoff(HANDOFF, emptyHandoffState(), seen(A, [commit('claim: gate 1')]));
    expect(d.actions).toEqual([]);
    expect(d.state).toEqual(at(A));
  });

  it('pings claim_pings on a claim commit and review_pings on a review commit, with agents.py\'s texts', () => {
    expect(sends(decideHandoff(HANDOFF, at(A), seen(B, [commit('claim: gate 1 passes')])).actions)).toEqual([['adversary', CLAIM]]);
    expect(sends(decideHandoff(HANDOFF, at(A), seen(B, [commit('review: gate 1 fails')])).actions)).toEqual([['builder', REVIEW]]);
  });

  it('pings each side once per check however many commits match, claim first', () => {
    const d = decideHandoff(HANDOFF, at(A), seen(C, [commit('review: again', C), commit('claim: two', B), commit('claim: one', B)]));
    expect(sends(d.actions)).toEqual([['adversary', CLAIM], ['builder', REVIEW]]);
    expect(d.state.sha).toBe(C);
  });

  it('names the matching commit in the reason', () => {
    const [send] = decideHandoff(HANDOFF, at(A), seen(B, [commit('docs: x', C), commit('claim: gate 2', B)])).actions;
    expect(send).toMatchObject({ type: 'send', reason: 'handoff: claim commit bbbbbbb "claim: gate 2"' });
  });

  it('matches subjects case-insensitively, anchored at the start of each subject', () => {
    expect(sends(decideHandoff(HANDOFF, at(A), seen(B, [commit('CLAIM gate 3')])).actions)).toEqual([['adversary', CLAIM]]);
    expect(decideHandoff(HANDOFF, at(A), seen(B, [commit('fix: a claim about review')])).actions).toEqual([]);
  });

  it('takes Python-style patterns and other targets from the config', () => {
    const h = { ...HANDOFF, claim_pattern: '(?i)^gate \\d+ ready', review_pattern: 'VERDICT', claim_pings: 'critic', review_pings: 'maker' };
    const d = decideHandoff(h, at(A), seen(B, [commit('Gate 7 ready'), commit('wip: verdict pending')]));
    expect(sends(d.actions)).toEqual([['critic', CLAIM], ['maker', REVIEW]]);
  });

  it('pings nobody for commits that match neither pattern, and moves on', () => {
    const d = decideHandoff(HANDOFF, at(A), seen(B, [commit('feat: more')]));
    expect(d.actions).toEqual([]);
    expect(d.state.sha).toBe(B);
  });

  it('pings nothing while origin/main has not moved', () => {
    expect(decideHandoff(HANDOFF, at(A), seen(A, [])).actions).toEqual([]);
  });

  it('changes nothing when origin/main could not be read', () => {
    const state = at(A, { 'adv-inbox.md': fingerprint('x') });
    const d = decideHandoff(HANDOFF, state, seen(null, [], { 'adv-inbox.md': null }));
    expect(d).toEqual({ state, actions: [] });
  });

  it('starts again from the new head, with a warning and no ping, when the last commit seen is unknown', () => {
    const d = decideHandoff(HANDOFF, at(A), seen(B, null));
    expect(d.state.sha).toBe(B);
    expect(d.actions).toEqual([{
      type: 'note', kind: 'handoff-ping', level: 'warn',
      message: 'handoff: origin/main no longer contains aaaaaaa; watching again from bbbbbbb without pinging',
    }]);
  });
});

describe('decideHandoff: inbox files', () => {
  const pushed = (content: string, path = 'machine-docs/adv-inbox.md') => ({ path, content });

  it('pings the first inbox to claim_pings and the second to review_pings, already at first sight', () => {
    const d = decideHandoff(HANDOFF, emptyHandoffState(), seen(A, [], {
      'adv-inbox.md': pushed('check gate 1'),
      'builder-inbox.md': pushed('fix the flake', 'builder-inbox.md'),
    }));
    expect(sends(d.actions)).toEqual([
      ['adversary', inbox('machine-docs/adv-inbox.md')],
      ['builder', inbox('builder-inbox.md')],
    ]);
    expect(d.state.inboxes).toEqual({ 'adv-inbox.md': fingerprint('check gate 1'), 'builder-inbox.md': fingerprint('fix the flake') });
  });

  it('pings again only when the content changes', () => {
    const state = at(A, { 'adv-inbox.md': fingerprint('one') });
    expect(decideHandoff(HANDOFF, state, seen(A, [], { 'adv-inbox.md': pushed('one') })).actions).toEqual([]);
    expect(sends(decideHandoff(HANDOFF, state, seen(A, [], { 'adv-inbox.md': pushed('two') })).actions))
      .toEqual([['adversary', inbox('machine-docs/adv-inbox.md')]]);
  });

  it('forgets a consumed (deleted or emptied) inbox, so the same text pushed again pings again', () => {
    const state = at(A, { 'adv-inbox.md': fingerprint('one') });
    for (const gone of [null, pushed('')]) {
      const d = decideHandoff(HANDOFF, state, seen(A, [], { 'adv-inbox.md': gone }));
      expect(d.actions).toEqual([]);
      expect(d.state.inboxes).toEqual({});
      expect(sends(decideHandoff(HANDOFF, d.state, seen(A, [], { 'adv-inbox.md': pushed('one') })).actions)).toHaveLength(1);
    }
  });

  it('keeps what it knew about an inbox that could not be read', () => {
    const state = at(A, { 'adv-inbox.md': fingerprint('one') });
    expect(decideHandoff(HANDOFF, state, seen(A, [], {}))).toEqual({ state, actions: [] });
  });

  it('watches only the two inboxes agents.py knows', () => {
    const h = { ...HANDOFF, inboxes: ['a.md', 'b.md', 'c.md'] };
    const d = decideHandoff(h, at(A), seen(A, [], { 'c.md': pushed('x', 'c.md') }));
    expect(d.actions).toEqual([]);
  });

  it('reports commit pings before inbox pings', () => {
    const d = decideHandoff(HANDOFF, at(A), seen(B, [commit('review: done')], { 'builder-inbox.md': pushed('x', 'machine-docs/builder-inbox.md') }));
    expect(sends(d.actions)).toEqual([['builder', REVIEW], ['builder', inbox('machine-docs/builder-inbox.md')]]);
  });
});

describe('handoff configuration', () => {
  const config = (over: Partial<FleetConfig>): FleetConfig => ({
    project_dir: '/p', agents: [], loop: { handoff: HANDOFF }, ...over,
  }) as unknown as FleetConfig;
  const loopAgent = (enabled: boolean) => ({ name: 'b', kind: 'loop', enabled });

  it('is on with [loop.handoff] and an enabled loop agent, as agents.py runs it', () => {
    expect(handoffEnabled(config({ agents: [loopAgent(true)] as FleetConfig['agents'] }))).toBe(true);
    expect(handoffEnabled(config({ agents: [loopAgent(false)] as FleetConfig['agents'] }))).toBe(false);
    expect(handoffEnabled(config({ agents: [{ name: 'p', kind: 'persistent', enabled: true }] as FleetConfig['agents'] }))).toBe(false);
    expect(handoffEnabled(config({ agents: [loopAgent(true)] as FleetConfig['agents'], loop: {} as FleetConfig['loop'] }))).toBe(false);
  });

  it('watches handoff.repo, else project_dir', () => {
    expect(handoffRepo(config({}))).toBe('/p');
    expect(handoffRepo(config({ loop: { handoff: { ...HANDOFF, repo: '/r' } } as FleetConfig['loop'] }))).toBe('/r');
  });

  it('looks for an inbox in state_subdir, then at the root', () => {
    expect(inboxCandidates(HANDOFF, 'x.md')).toEqual(['machine-docs/x.md', 'x.md']);
    expect(inboxCandidates({ ...HANDOFF, state_subdir: 'docs/state/' }, 'x.md')).toEqual(['docs/state/x.md', 'x.md']);
    expect(inboxCandidates({ ...HANDOFF, state_subdir: '' }, 'x.md')).toEqual(['x.md']);
  });
});

describe('combinePings', () => {
  it('a lone ping goes as it is', () => {
    expect(combinePings([REVIEW])).toBe(REVIEW);
  });

  it('several pings due at once are one message, each whole and numbered', () => {
    expect(combinePings([REVIEW, inbox('machine-docs/builder-inbox.md')])).toBe(
      `2 watchdog pings: (1) ${REVIEW} (2) ${inbox('machine-docs/builder-inbox.md')}`,
    );
  });
});

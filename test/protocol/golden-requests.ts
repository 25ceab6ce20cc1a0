import type { SessionInfo } from '../../src/protocol/messages.js';
import type { CheckpointSummary, TimelineView } from '../../src/protocol/pilot-view.js';
import type { Args, Result, Verb } from '../../src/protocol/requests.js';
import type { PhaseReport } from '../../src/protocol/phase-view.js';

/**
 * One request and its answer per verb of protocol/requests.ts, pinned in
 * golden/requests/<verb>.json. The mapped type makes a verb without an entry a compile error;
 * the test makes every field of a verb's schema appear in its request. APPEND-ONLY, like the
 * message kinds: changing an entry is a wire change (and a PROTOCOL_VERSION bump).
 */
export type GoldenRequests = { [V in Verb]: { args: Args<V>; result: Result<V> } };

const worker: SessionInfo = {
  name: 'worker',
  kind: 'agent',
  backend: 'claude',
  model: 'default',
  watch: 'auto',
  state: 'RUNNING',
  status: 'idle',
  pid: 31337,
  restarts: 1,
  session: 'worker',
  exitCode: null,
  enabled: true,
};

const web: SessionInfo = { ...worker, name: 'web', kind: 'service', backend: '-', model: '-', watch: 'restart', status: 'working', pid: 31338, restarts: 0, session: 'web' };

const files = { added: 1, removed: 0, changed: 1, insertions: 40, deletions: 1 };
const noFiles = { added: 0, removed: 0, changed: 0, insertions: 0, deletions: 0 };

const root: CheckpointSummary = { label: 'root', parent: null, kind: 'root', prompt: '', startedAt: 1700000000000, endedAt: 1700000000000, files: noFiles };
const t1: CheckpointSummary = {
  label: 'T1',
  parent: 'root',
  kind: 'turn',
  prompt: 'add the parser',
  startedAt: 1700000001000,
  endedAt: 1700000061000,
  files,
  tokens: 1200,
  usage: { input: 200, output: 900, cacheRead: 100, cacheWrite: 0 },
  cost: 0.02,
};

const timeline: TimelineView = {
  name: 'worker',
  current: 'T1',
  checkpoints: [root, t1],
  rows: [
    { label: 'root', kind: 'root', current: false, graph: '', summary: '', duration: '', files: '', usage: '' },
    { label: 'T1', kind: 'turn', current: true, graph: '└─ ', summary: 'add the parser', duration: '1m00s', files: '2 files +40 −1', usage: '1.2k tok $0.02' },
  ],
  text: ['root', '└─ T1 ● add the parser  1m00s  2 files +40 −1  1.2k tok $0.02'],
};

const overrides = { sets: ['agents.worker.model=opus'], env: { AGENT_MODEL_worker: 'opus' } };
const view = { layout: 'main-stack', zoomed: false, focus: 'worker', pilot: null } as const;

/** The loop's phases as `phase` and `phase-index` report them. */
const phaseReport: PhaseReport = {
  phases: [
    {
      index: 0,
      id: 'p1',
      plan: 'plans/p1.md',
      status: 'STATUS.md',
      statusPath: '/home/pilot/project/STATUS.md',
      statusExists: true,
      done: true,
      detail: 'line 3: DONE parser',
      current: false,
      models: {},
    },
    {
      index: 1,
      id: 'p2',
      plan: 'plans/p2.md',
      status: 'STATUS.md',
      statusPath: '/home/pilot/project/STATUS.md',
      statusExists: false,
      done: false,
      detail: 'no status file yet',
      current: true,
      models: { worker: 'opus' },
    },
  ],
  current: 1,
  complete: false,
  autoAdvance: true,
  doneMarker: 'DONE',
  loopAgents: ['worker'],
  indexFile: '/home/pilot/project/.hangar/state/phase',
  onComplete: null,
};

export const GOLDEN_REQUESTS: GoldenRequests = {
  up: { args: { names: ['worker'], ...overrides }, result: { started: ['worker'], agents: [worker], services: [web] } },
  add: {
    args: { name: 'helper', backend: 'codex', prompt: 'read the README', dir: 'services/api', model: 'gpt-5-codex', watch: 'heal', worktree: true, wait: true, parent: 'lead', timeoutMs: 600000, ...overrides },
    result: {
      ...worker,
      name: 'helper',
      backend: 'codex',
      session: 'helper',
      addedAtRunTime: true,
      reply: 'The README describes a parser.',
      timedOut: false,
      usage: { input: 900, output: 120, cache_read: 4000, cache_write: 0 },
      cost_usd: 0.0041,
    },
  },
  down: { args: { names: ['worker'] }, result: { stopped: ['worker'], server: 'running' } },
  status: {
    args: {},
    result: {
      agents: [{ ...worker, usage: { input: 1200, output: 340, cache_read: 56_000, cache_write: 2100 }, cost_usd: 0.0312, cost_source: 'priced' }],
      services: [web],
      problems: ['events.jsonl: ENOSPC: no space left on device'],
    },
  },
  events: {
    args: { lines: 2, types: ['status', 'watchdog'] },
    result: {
      events: [
        { type: 'status', name: 'worker', status: 'idle', prev: 'working', at: 1700000000123 },
        { type: 'watchdog', kind: 'restart', level: 'warn', message: 'worker exited (code 1): restarting', name: 'worker', at: 1700000000456 },
      ],
    },
  },
  view: { args: {}, result: { view } },
  'set-view': { args: { view }, result: { view } },
  restart: { args: { name: 'worker', ...overrides }, result: { ...worker, restarts: 2 } },
  screen: { args: { name: 'worker' }, result: { name: 'worker', text: '❯ add the parser\n\nDone.' } },
  peek: { args: { name: 'worker', lines: 2 }, result: { ...worker, lines: ['❯ add the parser', 'Done.'] } },
  scrollback: {
    args: { name: 'worker', start: 0, count: 2 },
    result: { name: 'worker', start: 0, rows: ['\x1b[1mline 1\x1b[0m', 'line 2'], total: 120, screenTop: 96 },
  },
  find: { args: { name: 'worker', query: 'parser', from: 119, backwards: true }, result: { name: 'worker', row: 97 } },
  logpath: { args: { name: 'worker' }, result: { name: 'worker', path: '/home/pilot/project/.hangar/logs/worker.log' } },
  send: {
    args: { name: 'worker', text: 'add the parser', wait: true, timeoutMs: 600000 },
    result: { name: 'worker', confirmed: true, attempts: 1, status: 'idle', reply: 'Done.', timedOut: false },
  },
  keys: { args: { name: 'worker', keys: ['C-c', 'Enter'], literal: false }, result: { name: 'worker', sent: 2 } },
  wait: { args: { name: 'worker', for: 'idle', timeoutMs: 120000 }, result: { name: 'worker', status: 'idle', timedOut: false } },
  phase: {
    args: { action: 'set', phase: 'p2', ...overrides },
    result: {
      report: phaseReport,
      actions: [
        { type: 'stop', name: 'worker', reason: 'phase p2' },
        { type: 'start', name: 'worker', reason: 'phase p2' },
      ],
      failures: [],
    },
  },
  'phase-index': {
    args: { action: 'set', phase: 'p2', ...overrides },
    result: {
      report: phaseReport,
      actions: [{ type: 'note', message: 'phase moved by hand: p1 → p2' }],
      failures: [],
    },
  },
  pilot: { args: { name: 'worker' }, result: timeline },
  checkpoints: { args: { name: 'worker' }, result: timeline },
  goto: { args: { name: 'worker', to: 'root' }, result: { name: 'worker', label: 'root', saved: 'T2', strategy: 'resume', moved: true, timeline } },
  undo: { args: { name: 'worker' }, result: { name: 'worker', label: 'root', saved: null, strategy: 'resume', moved: true, timeline } },
  branch: {
    args: { name: 'worker', from: 'T1', as: 'worker-b' },
    result: { name: 'worker-b', from: 'worker', label: 'T1', dir: '/home/pilot/project/.hangar/worktrees/worker-b', branch: 'hangar/worker-T1' },
  },
  diff: {
    args: { name: 'worker', from: 'root', to: 'T1' },
    result: {
      name: 'worker',
      from: 'root',
      to: 'T1',
      text: 'diff --git a/parser.ts b/parser.ts\nnew file mode 100644\n',
      truncated: false,
      files: [{ path: 'parser.ts', status: 'added', insertions: 40, deletions: 0, binary: false }],
      totals: files,
    },
  },
  history: { args: { name: 'worker' }, result: { name: 'worker', current: 'T1', turns: [{ ...t1, reply: 'Done: the parser reads every frame.' }] } },
  hook: {
    args: { name: 'worker', event: 'SessionStart', detail: 'startup', conversationId: '3f2a9c1e-0b7d-4e55-9a61-2c8d4f0e7b13', transcriptPath: '/home/me/.claude/projects/-work-app/3f2a9c1e-0b7d-4e55-9a61-2c8d4f0e7b13.jsonl' },
    result: { name: 'worker', heard: true },
  },
  transcript: {
    args: { name: 'worker' },
    result: { name: 'worker', backend: 'claude', conversationId: '3f2a9c1e-0b7d-4e55-9a61-2c8d4f0e7b13', path: '/home/me/.claude/projects/-work-app/3f2a9c1e-0b7d-4e55-9a61-2c8d4f0e7b13.jsonl' },
  },
  check: {
    args: { name: 'worker' },
    result: {
      name: 'worker',
      status: 'idle',
      needs_attention: true,
      started_at: 1700000000000,
      runtime_ms: 61000,
      last_reply: 'Done: the parser reads every frame.',
      usage: { input: 1200, output: 340, cache_read: 56_000, cache_write: 2100 },
      cost_usd: 0.0312,
      cost_source: 'priced',
      files: {
        repo: '/home/pilot/project',
        base: '9f1c2d3e4b5a69788796a5b4c3d2e1f009182736',
        files: [
          { path: 'src/parser.ts', status: 'added', insertions: 40, deletions: 0 },
          { path: 'notes.txt', status: 'untracked', insertions: null, deletions: null },
        ],
        truncated: false,
      },
      verdict: { name: 'worker', verdict: 'completed', reason: 'tests pass', at: 1700000062000, deleted: false },
    },
  },
  end: {
    args: { name: 'worker', verdict: 'failed', reason: 'went in circles', delete: true },
    result: { name: 'worker', verdict: 'failed', reason: 'went in circles', at: 1700000062000, deleted: true, stopped: true },
  },
  ask: {
    args: { name: 'orch', question: 'Postgres or SQLite?', timeoutMs: 300000 },
    result: { name: 'orch', question: 'Postgres or SQLite?', answer: 'SQLite', timedOut: false },
  },
  costs: {
    args: { by: 'model', since: 1700000000000 },
    result: {
      by: 'model',
      since: 1700000000000,
      rows: [
        { key: 'claude-sonnet-4-5-20250929', usage: { input: 1200, output: 340, cache_read: 56_000, cache_write: 2100 }, cost_usd: 0.0312, cost_source: 'priced', entries: 4 },
        { key: 'gpt-5-codex', usage: { input: 800, output: 90, cache_read: 3000, cache_write: 0 }, cost_usd: null, cost_source: 'unknown', entries: 2 },
      ],
      total: { usage: { input: 2000, output: 430, cache_read: 59_000, cache_write: 2100 }, cost_usd: null, cost_source: 'unknown', entries: 6 },
    },
  },
  budget: {
    args: { name: 'worker', raise: 5 },
    result: {
      agents: [{ name: 'worker', budget_usd: 15, spent_usd: 10.42, held: false }],
      fleet: { name: null, budget_usd: 100, spent_usd: 31.5, held: false },
    },
  },
  worktrees: {
    args: {},
    result: {
      worktrees: [
        {
          name: 'worker', path: '/home/pilot/project/.hangar/worktrees/worker', branch: 'hangar/worker', head: 'hangar/worker', base: 'main',
          present: true, uncommitted: 2, ahead: 3, behind: 1, inFleet: true, running: true,
        },
      ],
      unreadable: [],
    },
  },
  'prune-worktrees': {
    args: { name: 'fixer', force: false },
    result: {
      removed: [],
      kept: [{ name: 'fixer', path: '/home/pilot/project/.hangar/worktrees/fixer', branch: 'hangar/fixer', reason: '1 file with uncommitted work (commit them on hangar/fixer, or prune with --force to lose them)' }],
    },
  },
  watchers: {
    args: { resume: 'orchestrator' },
    result: {
      resumed: 'orchestrator',
      agents: [
        {
          name: 'orchestrator',
          paused: null,
          watchers: [
            { kind: 'delegation_reminder', from: 'fleet', role: 'system', settings: { kind: 'delegation_reminder', message_role: 'system', threshold: 3 }, turns: 4, fired: 1, last: { action: 'nudge', reason: '3 tool calls in a row without delegating', turn: 3, at: 1700000000000 } },
            { kind: 'budget', from: 'agent', role: 'user', settings: { kind: 'budget', message_role: 'user', max_cost_usd: 2 }, turns: 4, fired: 0, last: null },
          ],
        },
      ],
    },
  },
};

/**
 * The fleet's usage ledger, `<state_dir>/usage.jsonl`: one line per spend read from any
 * agent's session file (usage-entries.ts), appended once — an entry whose key is already in the
 * ledger is not written again, so a server restart, a session file read again from its start,
 * or a replaced one never counts a token twice. A new server reads the ledger back whole (its
 * rotated files first) and carries on; `lastAt` says from when an agent's records may not have
 * been read yet (what the last server had not read when it ended), so nothing is lost either.
 *
 * Capped and rotated like events.jsonl (log_max × (log_keep + 1) bytes): entries rotated away
 * are no longer counted. A torn line (a crash mid-write) is skipped.
 */
import { readFileSync } from 'node:fs';
import { RotatingFile, type LogCap } from '../fs/rotating-file.js';
import type { UsageEntry } from './usage-entries.js';

export class UsageLedger {
  /** opened at the first spend: a server that never listens (it lost the socket's race) writes nothing */
  private file: RotatingFile | null = null;
  private readonly all: UsageEntry[] = [];
  /** the same entries by agent: `status` asks for each agent's on every refresh */
  private readonly byAgent = new Map<string, UsageEntry[]>();
  private readonly keys = new Set<string>();
  private readonly last = new Map<string, number>();

  constructor(
    readonly path: string,
    private readonly cap: LogCap,
  ) {
    for (let n = cap.keep; n >= 1; n--) this.load(`${path}.${n}`);
    this.load(path);
  }

  /** Why the ledger is not being written (a full disk, a refused file); null while it is. */
  get error(): Error | null {
    return this.file?.error ?? null;
  }

  /** Every entry kept, oldest first. */
  entries(): readonly UsageEntry[] {
    return this.all;
  }

  /** One agent's entries, oldest first. */
  entriesOf(agent: string): readonly UsageEntry[] {
    return this.byAgent.get(agent) ?? [];
  }

  /** The time of the agent's newest entry; null when it has none. */
  lastAt(agent: string): number | null {
    return this.last.get(agent) ?? null;
  }

  /** Append the entries whose keys are new; returns those. */
  add(entries: readonly UsageEntry[]): UsageEntry[] {
    const fresh: UsageEntry[] = [];
    for (const e of entries) {
      if (this.keys.has(e.key)) continue;
      this.keys.add(e.key);
      this.keep(e);
      fresh.push(e);
    }
    if (fresh.length === 0) return fresh;
    this.file ??= new RotatingFile(this.path, this.cap);
    this.file.write(fresh.map((e) => `${JSON.stringify(toLine(e))}\n`).join(''));
    return fresh;
  }

  close(): void {
    this.file?.close();
  }

  private keep(e: UsageEntry): void {
    this.all.push(e);
    let mine = this.byAgent.get(e.agent);
    if (!mine) this.byAgent.set(e.agent, (mine = []));
    mine.push(e);
    this.last.set(e.agent, Math.max(this.last.get(e.agent) ?? -Infinity, e.at));
  }

  private load(path: string): void {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      const e = fromLine(line);
      if (e && !this.keys.has(e.key)) {
        this.keys.add(e.key);
        this.keep(e);
      }
    }
  }
}

/** One ledger line: the names `status --json` uses. */
interface Line {
  key: string;
  agent: string;
  model: string | null;
  at: string;
  input: number;
  output: number;
  cache_read: number;
  cache_write: number;
  usd?: number;
}

function toLine(e: UsageEntry): Line {
  const { input, output, cacheRead, cacheWrite } = e.usage;
  return { key: e.key, agent: e.agent, model: e.model, at: new Date(e.at).toISOString(), input, output, cache_read: cacheRead, cache_write: cacheWrite, ...(e.statedUsd !== null ? { usd: e.statedUsd } : {}) };
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function fromLine(text: string): UsageEntry | null {
  let l: Partial<Line>;
  try {
    l = JSON.parse(text) as Partial<Line>;
  } catch {
    return null;
  }
  if (typeof l !== 'object' || l === null || typeof l.key !== 'string' || typeof l.agent !== 'string' || typeof l.at !== 'string') return null;
  const at = Date.parse(l.at);
  if (Number.isNaN(at) || ![l.input, l.output, l.cache_read, l.cache_write].every(count)) return null;
  return {
    key: l.key,
    agent: l.agent,
    model: typeof l.model === 'string' ? l.model : null,
    at,
    usage: { input: l.input!, output: l.output!, cacheRead: l.cache_read!, cacheWrite: l.cache_write! },
    statedUsd: count(l.usd) ? l.usd : null,
  };
}

/**
 * One run of a fleet, as `hangar instances --json` prints it and as the instance registry keeps
 * it (`${XDG_STATE_HOME:-~/.local/state}/hangar/instances/<id>.json`, fs/fleet-files.ts): written
 * by the run's server when it starts, as it goes and when it ends; kept after it ends.
 */

/** `running` until the server ends: `stopped` (down), `completed`/`failed` (the verdicts), `crashed` (it died). */
export type InstanceStatus = 'running' | 'completed' | 'failed' | 'stopped' | 'crashed';

const INSTANCE_STATUSES: readonly InstanceStatus[] = ['running', 'completed', 'failed', 'stopped', 'crashed'];

/** The run's spend, from the usage ledger's entries since it started. */
export interface InstanceTotals {
  /** turns the agents finished (working → waiting) */
  turns: number;
  input: number;
  output: number;
  cache_read: number;
  cache_write: number;
  /** USD; null when some spend has no known price */
  cost_usd: number | null;
}

export interface InstanceRecord {
  /** unique per run */
  id: string;
  /** `up --name`, else the instance's name when not `default`, else the config's folder */
  name: string;
  /** the copy of the config's fleet (`--instance`): `default`, or the name of a second copy */
  instance: string;
  /** the config file, absolute */
  config: string;
  log_dir: string;
  /** the server's process and socket */
  pid: number;
  socket: string;
  /** ISO times */
  started: string;
  ended: string | null;
  status: InstanceStatus;
  /** every agent and service started during the run */
  agents: string[];
  totals: InstanceTotals;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function isTotals(v: unknown): v is InstanceTotals {
  return isObj(v) && [v.turns, v.input, v.output, v.cache_read, v.cache_write].every(isCount) && (v.cost_usd === null || isCount(v.cost_usd));
}

/** A record as read back from its file: every field there with its type. */
export function isInstanceRecord(v: unknown): v is InstanceRecord {
  return (
    isObj(v) &&
    [v.id, v.name, v.instance, v.config, v.log_dir, v.socket, v.started].every(isStr) &&
    Number.isInteger(v.pid) &&
    (v.ended === null || isStr(v.ended)) &&
    INSTANCE_STATUSES.includes(v.status as InstanceStatus) &&
    Array.isArray(v.agents) &&
    v.agents.every(isStr) &&
    isTotals(v.totals)
  );
}

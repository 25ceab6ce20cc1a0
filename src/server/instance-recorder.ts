/**
 * The record of this run of the fleet in the instance registry (instance-registry.ts): written
 * as the server starts listening (`running`), again as agents start, finish turns and spend
 * (totals from the usage ledger since the run started), and a last time as the server stops —
 * `stopped`, or `completed`/`failed` by the workers' verdicts (instance-ending.ts). A server
 * that dies without stopping leaves it `running`; the registry's readers close it as crashed.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import type { FleetConfig } from '../config/types.js';
import type { Fleet } from '../fleet/fleet.js';
import type { FleetUsage } from '../pilot/fleet-usage.js';
import type { InstanceRecord, InstanceStatus, InstanceTotals } from '../protocol/instance-record.js';
import type { ServerIdentity } from '../protocol/messages.js';
import { DEFAULT_INSTANCE } from '../config/instance-name.js';
import { closingStatus } from './instance-ending.js';
import { endsATurn } from './finished-turn.js';
import { writeInstance } from './instance-registry.js';
import { readVerdicts } from '../fleet/verdict-log.js';

export interface InstanceRecorderOptions {
  env: NodeJS.ProcessEnv;
  config: FleetConfig;
  identity: ServerIdentity;
  /** `up --name`; else the instance's name when it is not the default, else the config's folder */
  name?: string;
  fleet: Fleet;
  usage: FleetUsage;
  now: () => number;
}

/** The name a run gets when `up --name` gives none. */
function defaultName(config: FleetConfig): string {
  return config.instance !== DEFAULT_INSTANCE ? config.instance : basename(dirname(config.path));
}

export class InstanceRecorder implements Disposable {
  private record: InstanceRecord;
  private readonly since: number;
  private readonly store = new DisposableStore();
  private warned = false;
  private turns = 0;
  /** a server that lost the race for the socket never opens a run: it records nothing */
  private opened = false;

  constructor(private readonly opts: InstanceRecorderOptions) {
    this.since = opts.now();
    const { config, identity } = opts;
    this.record = {
      id: randomBytes(4).toString('hex'),
      name: opts.name || defaultName(config),
      instance: config.instance,
      config: config.path,
      log_dir: config.log_dir,
      pid: identity.pid,
      socket: identity.socket,
      started: new Date(this.since).toISOString(),
      ended: null,
      status: 'running',
      agents: [],
      totals: this.totals(),
    };
  }

  get id(): string {
    return this.record.id;
  }

  /** The run has begun (the server listens): recorded as running, and kept up to date from now on. */
  open(): void {
    this.opened = true;
    this.write();
    this.store.add(
      this.opts.fleet.onEvent((e) => {
        if (e.type === 'started' && !this.record.agents.includes(e.name)) {
          this.record = { ...this.record, agents: [...this.record.agents, e.name] };
          this.write();
        } else if (e.type === 'status' && endsATurn(e.prev, e.status)) {
          this.turns++;
          this.write();
        }
      }),
    );
    this.store.add(this.opts.usage.onChange(() => this.write()));
  }

  /** The run has ended: `down` closes it by the verdicts (stopped when none); an uncaught failure as crashed. */
  close(how: 'down' | 'crashed'): void {
    this.store.dispose();
    if (!this.opened) return;
    this.opened = false;
    const status: InstanceStatus = how === 'crashed' ? 'crashed' : closingStatus(readVerdicts(this.opts.config).filter((v) => v.at >= this.since));
    this.record = { ...this.record, status, ended: new Date(this.opts.now()).toISOString() };
    this.write();
  }

  dispose(): void {
    this.store.dispose();
  }

  private totals(): InstanceTotals {
    const { total } = this.opts.usage.totals('agent', this.since);
    const u = total.usage;
    return {
      turns: this.turns,
      input: u.input,
      output: u.output,
      cache_read: u.cacheRead,
      cache_write: u.cacheWrite,
      cost_usd: total.entries === 0 ? 0 : total.costUsd,
    };
  }

  private write(): void {
    this.record = { ...this.record, totals: this.totals() };
    try {
      writeInstance(this.opts.env, this.record);
    } catch (err) {
      // the run goes on without its record; said once in the server's log
      if (!this.warned) this.opts.fleet.log('warn', `the instance record could not be written: ${(err as Error).message}`);
      this.warned = true;
    }
  }
}

/**
 * What the watchdog's decisions need to know about one agent — its backend's patterns
 * compiled, its limit and stall settings — made once per config and agent: checks run on
 * every screen change (gathered to one a second) and every tick, so nothing is compiled there.
 */
import type { AgentConfig, BackendConfig, FleetConfig, WatchdogConfig } from '../config/types.js';
import { compileStatusPatterns } from '../fleet/status-patterns.js';
import type { StatusPatterns } from '../session/status.js';
import { limitSettingsFrom, type LimitSettings } from './limit-hold.js';
import { stallSettingsFrom, type StallSettings } from './stall.js';

export interface AgentSettings {
  backend: BackendConfig;
  watchdog: WatchdogConfig;
  patterns: StatusPatterns;
  limit: LimitSettings;
  stall: StallSettings;
}

export class AgentSettingsCache {
  /** by agent object: a reloaded config brings new ones */
  private readonly byAgent = new WeakMap<AgentConfig, AgentSettings>();

  constructor(private readonly timeZone: string) {}

  /** The agent's settings under `config`, or undefined when its backend is unknown. */
  get(config: FleetConfig, agent: AgentConfig): AgentSettings | undefined {
    const backend = config.backends[agent.backend];
    if (!backend) return undefined;
    const watchdog = config.watchdog;
    const known = this.byAgent.get(agent);
    // an agent added at run time outlives a reload: its backend may be a new object
    if (known && known.backend === backend && known.watchdog === watchdog) return known;
    const fresh: AgentSettings = {
      backend,
      watchdog,
      patterns: compileStatusPatterns(backend),
      limit: limitSettingsFrom(agent, backend, watchdog, this.timeZone),
      stall: stallSettingsFrom(agent, backend, watchdog, this.timeZone),
    };
    this.byAgent.set(agent, fresh);
    return fresh;
  }
}

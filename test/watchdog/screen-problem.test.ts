import { describe, expect, it } from 'vitest';
import type { AgentConfig, BackendConfig, FleetConfig } from '../../src/config/types.js';
import { compileStatusPatterns } from '../../src/fleet/status-patterns.js';
import { AgentSettingsCache } from '../../src/watchdog/agent-settings.js';
import { screenProblem } from '../../src/watchdog/screen-problem.js';

const backend = (over: Partial<BackendConfig>) => ({ name: 'b', footer_ui: false, footer_rows: 10, ...over }) as BackendConfig;

describe('screenProblem', () => {
  const claude = backend({ process_name: 'claude', fatal_re: 'session state corrupt' });
  const backends = { claude, codex: backend({ process_name: 'codex' }) };
  const settings = { backend: claude, patterns: compileStatusPatterns(claude) };

  it("names another declared backend's program, never a shell that is not one", () => {
    expect(screenProblem('codex', [], settings, backends)).toBe('running codex, expected claude');
    expect(screenProblem('bash', [], settings, backends)).toBeNull();
    expect(screenProblem('claude', [], settings, backends)).toBeNull();
  });

  it('names the fatal screen', () => {
    expect(screenProblem('claude', ['error: session state corrupt'], settings, backends)).toBe("screen shows the backend's fatal error (fatal_re)");
  });
});

describe('AgentSettingsCache', () => {
  const agent = { name: 'a', backend: 'b', kind: 'persistent' } as AgentConfig;
  const config = (b: BackendConfig) => ({ backends: { b }, watchdog: { stall_grace: 1, limit_probe_fallback: 1, limit_reset_slack: 1 } }) as unknown as FleetConfig;

  it('compiles once per agent and config, again when the backend changes, nothing for an unknown backend', () => {
    const cache = new AgentSettingsCache('UTC');
    const first = config(backend({ stall_idle: 5 }));
    expect(cache.get(first, agent)).toBe(cache.get(first, agent));
    const reloaded = config(backend({ stall_idle: 9 }));
    expect(cache.get(reloaded, agent)!.stall.stallIdleMs).toBe(9000);
    expect(cache.get({ ...first, backends: {} }, agent)).toBeUndefined();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-watchers-'));
  dirs.push(dir);
  const path = join(dir, 'agents.toml');
  writeFileSync(path, `[defaults]\nsession_prefix = "t-"\nlog_dir = "logs"\n\n[backend.demo]\nbin = "sh"\n\n${text}`);
  return loadConfig({ path, env: {} }).config;
}

describe('watcher config', () => {
  it('[[watcher]] applies fleet-wide and an agent takes its own watchers = [...], with settings as written', () => {
    const config = load(`[[agent]]
name = "orchestrator"
backend = "demo"
watchers = [{ kind = "budget", max_cost_usd = 2, max_turns = 40 }]

[[watcher]]
kind = "delegation_reminder"
message_role = "system"
threshold = 3
`);
    expect(config.watchers).toEqual([{ kind: 'delegation_reminder', message_role: 'system', threshold: 3 }]);
    expect(config.agents[0]!.watchers).toEqual([{ kind: 'budget', message_role: 'user', max_cost_usd: 2, max_turns: 40 }]);
  });

  it('an agent without watchers has none of its own', () => {
    const config = load(`[[agent]]\nname = "a"\nbackend = "demo"\n`);
    expect(config.watchers).toEqual([]);
    expect(config.agents[0]!.watchers).toBeUndefined();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfigPath } from '../../src/cli/default-config.js';
import { registerServer } from '../../src/server/server-registry.js';

// A verb run without --config in a folder without agents.toml uses the config of the fleet that
// runs from there — also when two copies of it run (--instance): they are one config.
describe('the config a verb uses without --config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-default-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { XDG_STATE_HOME: join(dir, 'xdg') };
  const config = join(dir, 'agents.example.toml');
  writeFileSync(config, '');
  // two live processes stand for the two copies' servers (the registry keys entries by pid)
  const entry = (pid: number, instance: string) => ({ pid, socket: join(dir, instance, 'hangar.sock'), version: '0', startedAt: 't', config, instance });

  it('is the running config of this folder, whether one copy of it runs or two', () => {
    expect(defaultConfigPath(env, dir)).toBe('agents.toml');
    registerServer(env, entry(process.pid, 'default'));
    expect(defaultConfigPath(env, dir)).toBe('agents.example.toml');
    registerServer(env, entry(process.ppid, 'review'));
    expect(defaultConfigPath(env, dir)).toBe('agents.example.toml');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/diagnostics.js';
import { loadConfig } from '../../src/config/load.js';
import { eventsLogPath, socketPath, usageLedgerPath, verdictsPath } from '../../src/fs/fleet-files.js';

// A second copy of a config (--instance NAME) has a log_dir of its own, and with it every file
// of the fleet: socket, logs and state are never shared with the first copy.
describe('the files of a copy of the fleet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-instance-paths-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'agents.toml');
  writeFileSync(path, '[defaults]\nsession_prefix = "p-"\nlog_dir = "state"\n');

  it('are the config\'s log_dir for the default copy, as without instances', () => {
    for (const config of [loadConfig({ path }).config, loadConfig({ path, instance: 'default' }).config]) {
      expect(config.instance).toBe('default');
      expect(config.log_dir).toBe(join(dir, 'state'));
      expect(socketPath(config)).toBe(join(dir, 'state', 'hangar.sock'));
    }
  });

  it('are under <log_dir>/instances/NAME for a named copy: socket, logs and state', () => {
    const { config } = loadConfig({ path, instance: 'review' });
    const own = join(dir, 'state', 'instances', 'review');
    expect(config.instance).toBe('review');
    expect([config.log_dir, config.state_dir]).toEqual([own, join(own, 'state')]);
    expect(socketPath(config)).toBe(join(own, 'hangar.sock'));
    expect(eventsLogPath(config)).toBe(join(own, 'events.jsonl'));
    expect(usageLedgerPath(config)).toBe(join(own, 'state', 'usage.jsonl'));
    expect(verdictsPath(config)).toBe(join(own, 'state', 'verdicts.jsonl'));
  });

  it('refuses a name that is no single file name, before anything is made', () => {
    for (const bad of ['../x', 'a/b', '', '-x']) {
      expect(() => loadConfig({ path, instance: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ path, instance: '../x' })).toThrow(/--instance "\.\.\/x" cannot name an instance: it holds "\/"/);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentModel, buildKickoff } from '../../src/config/kickoff.js';
import { currentPhaseIndex, phaseIndexPath } from '../../src/config/phase-index.js';
import { loadConfig } from '../../src/config/load.js';
import type { AgentConfig, FleetConfig } from '../../src/config/types.js';

const fleet = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/configs/fleet/agents.toml');

let logDir: string;
let config: FleetConfig;
const agent = (name: string): AgentConfig => {
  const a = config.agents.find((x) => x.name === name);
  if (!a) throw new Error(`no agent ${name}`);
  return a;
};

beforeEach(() => {
  logDir = mkdtempSync(join(tmpdir(), 'hangar-kickoff-'));
  config = loadConfig({ path: fleet, env: {}, sets: [`defaults.log_dir=${JSON.stringify(logDir)}`] }).config;
});
afterEach(() => rmSync(logDir, { recursive: true, force: true }));

function writePhaseIndex(text: string): void {
  mkdirSync(config.state_dir, { recursive: true });
  writeFileSync(phaseIndexPath(config), text);
}

describe('currentPhaseIndex', () => {
  it('is 0 without a state file', () => {
    expect(config.state_dir).toBe(join(logDir, 'state'));
    expect(phaseIndexPath(config)).toBe(join(logDir, 'state', 'phase-idx'));
    expect(currentPhaseIndex(config)).toBe(0);
  });

  it.each([
    ['1\n', 1],
    [' 0 ', 0],
    ['garbage', 0],
    ['1.5', 0],
    ['7', 1],
    ['-3', 0],
  ])('reads %j as %i (clamped to the phases)', (text, expected) => {
    writePhaseIndex(text);
    expect(currentPhaseIndex(config)).toBe(expected);
  });
});

describe('agentModel', () => {
  it("prefers the phase's model for the agent's role, else the agent's model", () => {
    expect(agentModel(config, agent('builder'), 0)).toBe('claude-opus-4-1');
    expect(agentModel(config, agent('builder'), 1)).toBe('claude-sonnet-4-6');
    expect(agentModel(config, agent('adversary'), 0)).toBe('');
    expect(agentModel(config, agent('supervisor'), 0)).toBe('claude-sonnet-4-6');
  });
});

describe('buildKickoff', () => {
  it('gives a loop agent the filled kickoff template followed by its role prompt', () => {
    expect(buildKickoff(config, agent('builder'), 0)).toBe(
      'Phase p1: follow plans/p1.md, record progress in STATUS-p1.md. You are the builder.\n\n' +
        'You build. Claim gates with a "claim:" commit.\n',
    );
    expect(buildKickoff(config, agent('adversary'), 1)).toBe(
      'Phase p2: follow plans/p2.md, record progress in STATUS-p2.md. You are the adversary.\n\n' +
        'You attack. Review every claim.\n',
    );
  });

  it('gives a loop agent only its role prompt when there is no kickoff template', () => {
    const bare: FleetConfig = { ...config, loop: { ...config.loop, kickoff_template: undefined } };
    expect(buildKickoff(bare, agent('builder'), 0)).toBe('You build. Claim gates with a "claim:" commit.\n');
  });

  it("gives other agents their prompt file's text, else their prompt", () => {
    expect(buildKickoff(config, agent('supervisor'), 0)).toBe('You supervise the fleet.\n');
    expect(buildKickoff(config, agent('finisher'), 0)).toBe('Write the release notes.');
  });
});

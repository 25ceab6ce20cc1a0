import { describe, expect, it } from 'vitest';
import { chooseInstance } from '../../src/cli/instance-choice.js';
import type { RegisteredServer } from '../../src/server/server-registry.js';

const server = (config: string, instance: string, pid: number): RegisteredServer => ({
  pid,
  socket: `/x/${instance}/hangar.sock`,
  version: '0.1.0',
  startedAt: `2026-12-05T10:00:0${pid % 10}.000Z`,
  config,
  instance,
});

describe('the copy of a fleet a verb reaches without --instance', () => {
  it('is the default one when no copy of its config runs (another config running does not count)', () => {
    expect(chooseInstance('/p/agents.toml', 'agents.toml', [])).toEqual({ instance: 'default' });
    expect(chooseInstance('/p/agents.toml', 'agents.toml', [server('/q/agents.toml', 'b', 1)])).toEqual({ instance: 'default' });
  });

  it('is the one copy that runs, whichever it is', () => {
    expect(chooseInstance('/p/agents.toml', 'agents.toml', [server('/p/agents.toml', 'review', 1)])).toEqual({ instance: 'review' });
  });

  it('is none when several copies run: the failure names each and how to pick one', () => {
    const choice = chooseInstance('/p/agents.toml', 'agents.toml', [server('/p/agents.toml', 'review', 2), server('/p/agents.toml', 'default', 1), server('/q/agents.toml', 'x', 3)]);
    expect(choice).toEqual({
      ambiguous:
        '2 instances of agents.toml are running; name one with --instance NAME:\n' +
        '  default (server pid 1, since 2026-12-05T10:00:01.000Z)\n' +
        '  review (server pid 2, since 2026-12-05T10:00:02.000Z)',
    });
  });
});

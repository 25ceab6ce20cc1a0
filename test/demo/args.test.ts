import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THINK_MS, DEMO_USAGE, parseDemoArgs } from '../../src/demo/args.js';

const env = { HOME: '/home/pat' };

describe('parseDemoArgs', () => {
  it('uses defaults when nothing is given', () => {
    expect(parseDemoArgs([], env)).toEqual({
      ok: true,
      options: {
        sessionId: undefined,
        resumeId: undefined,
        fork: false,
        atTurn: undefined,
        model: 'demo-1',
        thinkMs: DEFAULT_THINK_MS,
        stateDir: join('/home/pat', '.local', 'state', 'hangar-demo'),
        kickoff: undefined,
        help: false,
      },
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms, and the kickoff prompt', () => {
    const parsed = parseDemoArgs(['--session-id', 's1', '--model=m2', '--think', '250', '--state-dir', '/tmp/st', 'fix the bug'], env);
    expect(parsed).toMatchObject({ ok: true, options: { sessionId: 's1', model: 'm2', thinkMs: 250, stateDir: '/tmp/st', kickoff: 'fix the bug' } });
  });

  it('takes think time and state dir from the environment, flags winning', () => {
    expect(parseDemoArgs([], { ...env, DEMO_THINK_MS: '100', DEMO_STATE_DIR: '/s' })).toMatchObject({ options: { thinkMs: 100, stateDir: '/s' } });
    expect(parseDemoArgs(['--think', '7', '--state-dir', '/f'], { DEMO_THINK_MS: '100', DEMO_STATE_DIR: '/s' })).toMatchObject({
      options: { thinkMs: 7, stateDir: '/f' },
    });
  });

  it('puts the state dir under XDG_STATE_HOME when set', () => {
    expect(parseDemoArgs([], { ...env, XDG_STATE_HOME: '/xdg' })).toMatchObject({ options: { stateDir: join('/xdg', 'hangar-demo') } });
  });

  it('reads --resume and --help', () => {
    expect(parseDemoArgs(['--resume', 'abc'], env)).toMatchObject({ options: { resumeId: 'abc', sessionId: undefined } });
    expect(parseDemoArgs(['--help'], env)).toMatchObject({ options: { help: true } });
  });

  it('reads --resume ID --at-turn N as a fork holding the first N turns', () => {
    expect(parseDemoArgs(['--resume', 'abc', '--at-turn', '2'], env)).toMatchObject({ ok: true, options: { resumeId: 'abc', fork: true, atTurn: 2 } });
    expect(parseDemoArgs(['--resume=abc', '--at-turn=0'], env)).toMatchObject({ ok: true, options: { resumeId: 'abc', fork: true, atTurn: 0 } });
    expect(parseDemoArgs(['--resume', 'abc'], env)).toMatchObject({ ok: true, options: { fork: false, atTurn: undefined } });
  });

  it('reads --fork-session as a fork keeping every turn, named by --session-id when given', () => {
    expect(parseDemoArgs(['--resume', 'abc', '--fork-session'], env)).toMatchObject({ ok: true, options: { resumeId: 'abc', fork: true, atTurn: undefined, sessionId: undefined } });
    expect(parseDemoArgs(['--fork-session', '--resume', 'abc', '--session-id', 'new-1', '--at-turn', '1'], env)).toMatchObject({
      ok: true,
      options: { resumeId: 'abc', sessionId: 'new-1', fork: true, atTurn: 1 },
    });
  });

  it('treats everything after -- as the prompt, even if it looks like a flag', () => {
    expect(parseDemoArgs(['--', '--not-a-flag'], env)).toMatchObject({ options: { kickoff: '--not-a-flag' } });
  });

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['--model'], '--model needs a value'],
    [['--think', 'soon'], 'think time'],
    [['--think', '-5'], 'think time'],
    [['one', 'two'], 'at most one prompt'],
    [['--session-id', '../etc/passwd'], 'invalid session id'],
    [['--session-id', 'a', '--resume', 'b'], 'different sessions'],
    [['--at-turn', '1'], '--at-turn needs --resume ID'],
    [['--fork-session'], '--fork-session needs --resume ID'],
    [['--resume', 'a', '--at-turn', '-1'], '--at-turn must be a whole number of turns >= 0, got "-1"'],
    [['--resume', 'a', '--at-turn', '1.5'], 'got "1.5"'],
    [['--resume', 'a', '--at-turn', ''], 'got ""'],
    [['--resume', 'a', '--at-turn'], '--at-turn needs a value'],
    [['--resume', 'a', '--fork-session', '--session-id', 'a'], 'must differ from --resume'],
    [['--resume', 'a', '--fork-session=yes'], 'unknown option --fork-session=yes'],
  ])('rejects %j', (argv, message) => {
    const parsed = parseDemoArgs(argv, env);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('DEMO_USAGE', () => {
  it('names the session file kept under --state-dir', () => {
    const stateDir = DEMO_USAGE.slice(DEMO_USAGE.indexOf('--state-dir'), DEMO_USAGE.indexOf('--help'));
    expect(stateDir).toContain('ID.jsonl');
    expect(stateDir).toContain('Claude Code');
  });
});

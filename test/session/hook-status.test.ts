import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { hookDeadline, hookStatusNow, type HookTiming } from '../../src/session/hook-word.js';
import { StatusTracker } from '../../src/session/status-tracker.js';
import type { StatusPatterns } from '../../src/session/status.js';

// Status from hooks, screens as the fallback: the hook's word wins while it holds; a silent
// "working" (no hook said the turn ended) and a waiting word the screen contradicts give the
// decision back to the screen rules. All on a fake clock.

const timing: HookTiming = { silentMs: 30_000, redrawMs: 1000 };

describe('hookStatusNow (pure)', () => {
  it('no word: the screen decides', () => {
    expect(hookStatusNow(null, { now: 0, lastOutputAt: null, busy: false }, timing)).toBeNull();
  });

  it('"working" holds until silentMs have passed with no other word, then the screen decides', () => {
    const word = { status: 'working' as const, at: 1000 };
    expect(hookStatusNow(word, { now: 1000, lastOutputAt: 1500, busy: false }, timing)).toBe('working');
    expect(hookStatusNow(word, { now: 30_999, lastOutputAt: 30_000, busy: false }, timing)).toBe('working');
    expect(hookStatusNow(word, { now: 31_000, lastOutputAt: 30_000, busy: false }, timing)).toBeNull();
    expect(hookStatusNow(word, { now: 31_000, lastOutputAt: null, busy: false }, timing)).toBeNull(); // not even a quiet screen keeps it
    expect(hookDeadline(word, 1000, timing)).toBe(31_000);
    expect(hookDeadline(word, 31_000, timing)).toBeNull();
  });

  it('a waiting word holds while the screen is quiet, however long, and yields to later output', () => {
    for (const status of ['idle', 'needs-input'] as const) {
      const word = { status, at: 1000 };
      expect(hookStatusNow(word, { now: 10_000_000, lastOutputAt: null, busy: false }, timing)).toBe(status);
      expect(hookStatusNow(word, { now: 10_000_000, lastOutputAt: 1900, busy: false }, timing)).toBe(status); // the CLI's redraw as its hook returned
      expect(hookStatusNow(word, { now: 10_000_000, lastOutputAt: 2001, busy: false }, timing)).toBeNull(); // something no hook told
      expect(hookStatusNow(word, { now: 1500, lastOutputAt: 1500, busy: true }, timing)).toBeNull(); // a busy line, however soon
      expect(hookDeadline(word, 1000, timing)).toBeNull();
    }
  });
});

const patterns: StatusPatterns = { active: /esc to interrupt/, ask: /Do you want to proceed\?/, limit: /usage limit reached/, footerUi: false, footerRows: 10 };

function setup() {
  const clock = new ManualClock(1_000_000);
  let rows = ['> '];
  const tracker = new StatusTracker({ clock, patterns, quietMs: 800, debounceMs: 250, hookSilentMs: 30_000, read: () => ({ rows, cursorY: 0 }) });
  const output = (screen: string[]) => {
    rows = screen;
    tracker.noteOutput();
    tracker.evaluate();
  };
  return { clock, tracker, output };
}

describe('StatusTracker with a hook', () => {
  it("takes the hook's word at once, with hook as its source, over a screen that says otherwise", () => {
    const { clock, tracker, output } = setup();
    output(['> ']);
    clock.advance(2000);
    expect([tracker.status, tracker.source]).toEqual(['idle', 'screen']);
    tracker.hookSaid('working'); // UserPromptSubmit, before the CLI draws anything
    expect([tracker.status, tracker.source]).toEqual(['working', 'hook']);
    output(['> quiet work, no spinner']);
    clock.advance(5000);
    expect([tracker.status, tracker.source]).toEqual(['working', 'hook']);
    tracker.hookSaid('idle'); // Stop
    expect([tracker.status, tracker.source]).toEqual(['idle', 'hook']);
  });

  it('a silent hook falls back to the screen: "working" with no Stop goes idle by the screen rules after silentMs', () => {
    const { clock, tracker, output } = setup();
    tracker.hookSaid('working');
    output(['thinking… esc to interrupt']);
    clock.advance(10_000);
    output(['> Interrupted by user']); // Esc: Claude Code runs no Stop hook on an interrupt
    clock.advance(19_999);
    expect([tracker.status, tracker.source]).toEqual(['working', 'hook']);
    clock.advance(1); // silent now: the screen decides (idle, after its debounce)
    clock.advance(250);
    expect([tracker.status, tracker.source]).toEqual(['idle', 'screen']);
    expect(tracker.hasPendingTimer).toBe(false);
  });

  it("a limit banner wins over a hook's working (no hook of a running turn says it)", () => {
    const { clock, tracker, output } = setup();
    tracker.hookSaid('working');
    output(['Claude usage limit reached. Your limit will reset at 3pm']);
    clock.advance(250);
    expect([tracker.status, tracker.source]).toEqual(['limited', 'screen']);
  });

  it('a waiting word gives way to the screen once the agent draws again with no hook (codex: notify only at the turn end)', () => {
    const { clock, tracker, output } = setup();
    tracker.hookSaid('idle');
    output(['> done']); // its redraw as the hook returns
    clock.advance(60_000);
    expect([tracker.status, tracker.source]).toEqual(['idle', 'hook']);
    output(['• Working (3s • esc to interrupt)']); // a new prompt: no hook at a turn's start
    clock.advance(250);
    expect([tracker.status, tracker.source]).toEqual(['working', 'screen']);
  });

  it("a busy line on screen takes over from a waiting word at once, however soon after the hook", () => {
    const { clock, tracker, output } = setup();
    tracker.hookSaid('idle');
    clock.advance(100);
    output(['• Working (0s • esc to interrupt)']);
    clock.advance(250);
    expect([tracker.status, tracker.source]).toEqual(['working', 'screen']);
  });

  it('a stop and the process exit still win over any hook', () => {
    const { tracker } = setup();
    tracker.hookSaid('working');
    tracker.markExited();
    expect(tracker.status).toBe('exited');
  });
});

describe('StatusTracker with a session file (hook > session file > screen, per agent)', () => {
  it("takes the session file's word over the screen's, with session-file as its source", () => {
    const { clock, tracker, output } = setup();
    output(['> ']);
    clock.advance(2000);
    tracker.fileSaid('working'); // a prompt recorded
    expect([tracker.status, tracker.source]).toEqual(['working', 'session-file']);
    output(['> quiet work, no spinner']);
    clock.advance(5000);
    expect([tracker.status, tracker.source]).toEqual(['working', 'session-file']);
    tracker.fileSaid('idle'); // the turn's end recorded
    expect([tracker.status, tracker.source]).toEqual(['idle', 'session-file']);
  });

  it('a short turn read in one batch (its prompt and its end) is seen: working, then idle, each a change', () => {
    const { clock, tracker, output } = setup();
    output(['> ']);
    clock.advance(2000);
    const changes: string[] = [];
    tracker.onChange((status, prev) => changes.push(`${prev}→${status}`));
    // what the server does with the batch's words (record-status.ts recordWords)
    tracker.fileSaid('working');
    tracker.fileSaid('idle');
    expect(changes).toEqual(['idle→working', 'working→idle']);
    expect([tracker.status, tracker.source]).toEqual(['idle', 'session-file']);
  });

  it('a silent session file: its "working" holds for the hook silence, then the screen decides', () => {
    const { clock, tracker, output } = setup();
    output(['> ']);
    clock.advance(2000);
    tracker.fileSaid('working'); // the prompt recorded, then nothing more (an interrupt the CLI did not record)
    clock.advance(29_999);
    expect([tracker.status, tracker.source]).toEqual(['working', 'session-file']);
    clock.advance(1); // silent: the screen (quiet, no busy line) says idle, debounced
    clock.advance(250);
    expect([tracker.status, tracker.source]).toEqual(['idle', 'screen']);
    expect(tracker.hasPendingTimer).toBe(false); // settled: nothing pins it
  });

  it("a hook's word wins over the session file's while it holds; the file's speaks again once the hook is silent", () => {
    const { clock, tracker, output } = setup();
    output(['> ']);
    tracker.hookSaid('needs-input');
    tracker.fileSaid('working');
    expect([tracker.status, tracker.source]).toEqual(['needs-input', 'hook']);
    output(['> something the hook did not tell']); // the hook's waiting word yields to later output
    clock.advance(1001);
    output(['> something the hook did not tell']);
    expect([tracker.status, tracker.source]).toEqual(['working', 'session-file']);
    clock.advance(30_000); // the file's "working" goes silent too: the screen decides
    clock.advance(250);
    expect([tracker.status, tracker.source]).toEqual(['idle', 'screen']);
  });

  it("never hides a question on screen: the screen's needs-input stands over the file's working", () => {
    const { clock, tracker, output } = setup();
    output(['> ']);
    clock.advance(2000);
    tracker.fileSaid('working'); // the prompt recorded; then the CLI asks for permission
    output(['Do you want to proceed?', '❯ 1. Yes', '  2. No']);
    clock.advance(800 + 250); // quiet, then debounced

    expect([tracker.status, tracker.source]).toEqual(['needs-input', 'screen']);
  });
});

describe('StatusTracker: a verdict from above (limited, stalled) supersedes the session file', () => {
  it("once the verdict is lifted the screen decides again, debounced — not the file's older word", () => {
    const { clock, tracker, output } = setup();
    output(['> ']);
    clock.advance(2000);
    tracker.fileSaid('working'); // the refused prompt was recorded
    tracker.setOverride('limited');
    expect(tracker.status).toBe('limited');
    clock.advance(5000);
    tracker.setOverride(null);
    expect(tracker.status).toBe('limited'); // the screen's idle waits out its debounce
    clock.advance(250);
    expect([tracker.status, tracker.source]).toEqual(['idle', 'screen']);
  });
});

import { describe, expect, it } from 'vitest';
import { keyToBytes } from '../../../src/terminal/keys.js';
import type { InputAction } from '../../../src/ui/input/actions.js';
import { ESCAPE_TIMEOUT_MS, createRouter, type InputMode } from '../../../src/ui/input/router.js';
import { DEFAULT_BINDINGS, PREFIX_KEY, type Binding, type BindingContext } from '../../../src/keymap/bindings.js';

const PREFIX = keyToBytes('C-b');

/** A router whose feed also resumes after commands (as the cockpit does, minus mode changes). */
function router(prefix = 'C-b', bindings: readonly Binding[] = DEFAULT_BINDINGS, mouse = true) {
  const r = createRouter({ prefix, bindings, mouse });
  const feed = r.feed;
  return Object.assign(r, {
    feed(chunk: string): InputAction[] {
      const out = feed(chunk);
      while (r.stopped) out.push(...r.resume());
      return out;
    },
  });
}

/** The bytes of a binding's keys, looked up by command name — tests survive rebinding. */
function keysOf(context: BindingContext, command: string, arg?: number, prefix = 'C-b', bindings = DEFAULT_BINDINGS): string[] {
  const b = bindings.find((x) => x.context === context && x.command === command && x.arg === arg);
  if (!b) throw new Error(`no ${context} binding for ${command}`);
  return b.keys.map((k) => keyToBytes(k === PREFIX_KEY ? prefix : k));
}

/** Everything forwarded, concatenated; fails on any other action. */
function forwarded(actions: InputAction[]): string {
  return actions
    .map((a) => {
      if (a.type !== 'forward') throw new Error(`unexpected ${JSON.stringify(a)}`);
      return a.data;
    })
    .join('');
}

const fkeys = Array.from({ length: 12 }, (_, i) => keyToBytes(`F${i + 1}`));
const ctrlLetters = 'acdefghijklmnopqrstuvwxyz'.split('').map((c) => keyToBytes(`C-${c}`)); // all but the prefix C-b

const PASSTHROUGH: [string, string][] = [
  ['arrows', '\x1b[A\x1b[B\x1b[C\x1b[D'],
  ['application-mode arrows', '\x1bOA\x1bOB\x1bOC\x1bOD'],
  ['modified arrows', keyToBytes('C-Left') + keyToBytes('S-Up') + keyToBytes('M-Right')],
  ['C-a … C-z except the prefix', ctrlLetters.join('')],
  ['Alt-x, Alt-Enter, Alt-é', '\x1bx\x1b\r\x1bé'],
  ['F1–F12', fkeys.join('')],
  ['Home, End, PageUp, Delete', keyToBytes('Home') + keyToBytes('End') + keyToBytes('PageUp') + keyToBytes('Delete') + '\x1b[1~\x1b[4~'],
  ['Escape then a key sent together', '\x1b\x1b[A'],
  ['UTF-8 text', 'héllo wörld — 中文 ünïcödé'],
  ['emoji, ZWJ sequences, flags', '😀🚀👩‍💻🇫🇷'],
  ['a paste with the prefix byte and escapes inside', `\x1b[200~a${PREFIX}b\x1b[Ac\r\n${PREFIX}${PREFIX}\x1b[201~`],
  ['Enter, Tab, Backspace, Space', '\r\t\x7f '],
];

describe('normal mode: byte-exact to the focused agent', () => {
  it.each(PASSTHROUGH)('%s', (_name, bytes) => {
    const r = router();
    const actions = r.feed(bytes);
    expect(actions).toEqual([{ type: 'forward', data: bytes }]);
    expect(r.pendingMs()).toBeNull();
  });

  it('forwards the whole table fed as one chunk as one write', () => {
    const all = PASSTHROUGH.map(([, b]) => b).join('');
    expect(router().feed(all)).toEqual([{ type: 'forward', data: all }]);
  });

  it('forwards each key of the table fed one character at a time, byte-exact', () => {
    const all = PASSTHROUGH.map(([, b]) => b).join('');
    const r = router();
    let out = '';
    for (const ch of all) out += forwarded(r.feed(ch));
    expect(out).toBe(all);
    expect(r.pendingMs()).toBeNull();
  });

  it('leaves SGR mouse reports alone when mouse capture is off', () => {
    const report = '\x1b[<0;3;4M';
    expect(router('C-b', DEFAULT_BINDINGS, false).feed(report)).toEqual([{ type: 'forward', data: report }]);
  });
});

const PREFIX_BINDINGS = DEFAULT_BINDINGS.filter((b) => b.context === 'prefix' && b.command !== 'send-prefix');

describe('the prefix key', () => {
  it.each(PREFIX_BINDINGS.flatMap((b) => b.keys.map((k) => [`${k} → ${b.command}${b.arg ? ` ${b.arg}` : ''}`, b] as const)))(
    'prefix %s',
    (_name, binding) => {
      for (const key of keysOf('prefix', binding.command, binding.arg)) {
        const r = router();
        const expected = binding.arg === undefined ? { type: 'command', command: binding.command } : { type: 'command', command: binding.command, arg: binding.arg };
        expect(r.feed(PREFIX + key)).toEqual([expected]);
        expect(r.prefixActive).toBe(false);
        // The same across chunks: prefix alone, then the key.
        expect(r.feed(PREFIX)).toEqual([]);
        expect(r.prefixActive).toBe(true);
        expect(r.feed(key)).toEqual([expected]);
      }
    },
  );

  it('twice sends the prefix once', () => {
    const r = router();
    expect(r.feed(PREFIX + keysOf('prefix', 'send-prefix')[0])).toEqual([{ type: 'forward', data: PREFIX }]);
    expect(r.feed(`a${PREFIX}${PREFIX}b`)).toEqual([{ type: 'forward', data: `a${PREFIX}b` }]);
    expect(r.feed(PREFIX.repeat(3) + 'b')).toEqual([{ type: 'forward', data: PREFIX }]); // third prefix + b: b is unbound
  });

  it('then an unbound key drops the key, and the next key is typed again', () => {
    const r = router();
    expect(r.feed(`${PREFIX}b`)).toEqual([]);
    expect(r.feed('b')).toEqual([{ type: 'forward', data: 'b' }]);
    expect(r.feed(`${PREFIX}\x1b[5~after`)).toEqual([{ type: 'forward', data: 'after' }]); // PageUp unbound after prefix
  });

  it('splits a chunk around the command: typing before and after is forwarded', () => {
    const detach = keysOf('prefix', 'detach')[0]!;
    expect(router().feed(`ab${PREFIX}${detach}cd`)).toEqual([
      { type: 'forward', data: 'ab' },
      { type: 'command', command: 'detach' },
      { type: 'forward', data: 'cd' },
    ]);
  });

  it('can be another key (C-a): C-b is then plain data', () => {
    const r = router('C-a');
    const ca = keyToBytes('C-a');
    const zoom = keysOf('prefix', 'zoom', undefined, 'C-a')[0]!;
    expect(r.feed(ca + zoom)).toEqual([{ type: 'command', command: 'zoom' }]);
    expect(r.feed(PREFIX + 'z')).toEqual([{ type: 'forward', data: `${PREFIX}z` }]);
    expect(r.feed(ca + ca)).toEqual([{ type: 'forward', data: ca }]);
  });

  it('can be a multi-byte key (F12), matched as one key', () => {
    const r = router('F12');
    const f12 = keyToBytes('F12');
    expect(r.feed(`${f12}d`)).toEqual([{ type: 'command', command: 'detach' }]);
    expect(r.feed(f12 + f12)).toEqual([{ type: 'forward', data: f12 }]);
    expect(r.feed('\x1b[24;5~')).toEqual([{ type: 'forward', data: '\x1b[24;5~' }]); // C-F12 is another key
  });

  it('is data inside a paste, and a paste right after the prefix cancels it', () => {
    const r = router();
    const paste = `\x1b[200~${PREFIX}d\x1b[201~`;
    expect(r.feed(paste)).toEqual([{ type: 'forward', data: paste }]);
    expect(r.feed(PREFIX + paste + 'd')).toEqual([{ type: 'forward', data: paste + 'd' }]);
  });

  it('matches arrows in application cursor mode too', () => {
    expect(router().feed(`${PREFIX}\x1bOD`)).toEqual([{ type: 'command', command: 'focus-left' }]);
  });

  it('rejects bad bindings when the router is made', () => {
    expect(() => createRouter({ prefix: 'C-b', bindings: [{ context: 'prefix', keys: ['z'], command: 'nope' }], mouse: true })).toThrow(/unknown command/);
  });
});

describe('split input', () => {
  it('holds an arrow split at every point and forwards it whole', () => {
    const text = 'a\x1b[1;5Cb';
    for (let cut = 1; cut < text.length; cut++) {
      const r = router();
      const out = forwarded(r.feed(text.slice(0, cut))) + forwarded(r.feed(text.slice(cut)));
      expect(out, `cut at ${cut}`).toBe(text);
      expect(r.pendingMs()).toBeNull();
    }
  });

  it('finds a binding split at every point (prefix + arrow, history Up)', () => {
    const seq = PREFIX + keysOf('prefix', 'focus-right')[0]!;
    for (let cut = 1; cut < seq.length; cut++) {
      const r = router();
      expect([...r.feed(seq.slice(0, cut)), ...r.feed(seq.slice(cut))], `cut ${cut}`).toEqual([{ type: 'command', command: 'focus-right' }]);
    }
    const up = keysOf('history', 'history-line-up').find((k) => k.length > 1)!;
    for (let cut = 1; cut < up.length; cut++) {
      const r = router();
      r.setMode('history');
      expect([...r.feed(up.slice(0, cut)), ...r.feed(up.slice(cut))]).toEqual([{ type: 'command', command: 'history-line-up' }]);
    }
  });

  it('keeps a paste split at every point byte-exact, the prefix inside it data', () => {
    const text = `x\x1b[200~a${PREFIX}b\x1b[Bc\x1b[201~${PREFIX}dy`;
    const detachKey = keysOf('prefix', 'detach')[0];
    expect(detachKey).toBe('d');
    for (let cut = 1; cut < text.length; cut++) {
      const r = router();
      const actions = [...r.feed(text.slice(0, cut)), ...r.feed(text.slice(cut))];
      const commands = actions.filter((a) => a.type === 'command');
      expect(commands, `cut ${cut}`).toEqual([{ type: 'command', command: 'detach' }]);
      expect(forwarded(actions.filter((a) => a.type === 'forward')), `cut ${cut}`).toBe(text.replace(`${PREFIX}d`, '').replace(`${PREFIX}d`, ''));
    }
  });

  it('holds half of a surrogate pair', () => {
    const r = router();
    const rocket = '🚀';
    expect(r.feed(rocket[0]!)).toEqual([]);
    expect(r.feed(rocket[1]!)).toEqual([{ type: 'forward', data: rocket }]);
  });

  it('gives up on an endless sequence and forwards it', () => {
    const r = router();
    const junk = '\x1b[' + '1;'.repeat(40);
    expect(r.feed(junk)).toEqual([{ type: 'forward', data: junk }]);
    expect(r.pendingMs()).toBeNull();
  });
});

describe('a lone ESC', () => {
  it('is the Escape key only after flush', () => {
    const r = router();
    expect(r.feed('\x1b')).toEqual([]);
    expect(r.pendingMs()).toBe(ESCAPE_TIMEOUT_MS);
    expect(r.flush()).toEqual([{ type: 'forward', data: '\x1b' }]);
    expect(r.pendingMs()).toBeNull();
    expect(r.flush()).toEqual([]);
  });

  it('followed in time by a key is Alt + that key', () => {
    const r = router();
    expect(r.feed('ab\x1b')).toEqual([{ type: 'forward', data: 'ab' }]);
    expect(r.feed('x')).toEqual([{ type: 'forward', data: '\x1bx' }]);
  });

  it('closes history mode and overlays after flush', () => {
    const r = router();
    r.setMode('history');
    expect(r.feed(keysOf('history', 'history-exit').find((k) => k === '\x1b')!)).toEqual([]);
    expect(r.flush()).toEqual([{ type: 'command', command: 'history-exit' }]);
    r.setMode('overlay');
    expect(r.feed('\x1b')).toEqual([]);
    expect(r.flush()).toEqual([{ type: 'command', command: 'overlay-close' }]);
  });

  it('an unfinished CSI flushes as typed (Alt-[)', () => {
    const r = router();
    expect(r.feed('\x1b[')).toEqual([]);
    expect(r.flush()).toEqual([{ type: 'forward', data: '\x1b[' }]);
  });
});

describe('mouse reports', () => {
  const m = (kind: string, x: number, y: number, extra: object = {}) => ({
    type: 'mouse',
    event: { kind, button: 0, x, y, shift: false, alt: false, ctrl: false, ...extra },
  });

  it('become events with 0-based coordinates, never forwarded raw', () => {
    const r = router();
    expect(r.feed('\x1b[<0;10;5M')).toEqual([m('press', 9, 4)]);
    expect(r.feed('\x1b[<0;10;5m')).toEqual([m('release', 9, 4)]);
    expect(r.feed('\x1b[<2;1;1M')).toEqual([m('press', 0, 0, { button: 2 })]);
    expect(r.feed('\x1b[<64;30;7M')).toEqual([m('wheel-up', 29, 6)]);
    expect(r.feed('\x1b[<65;30;7M')).toEqual([m('wheel-down', 29, 6)]);
    expect(r.feed('\x1b[<32;11;6M')).toEqual([m('drag', 10, 5)]);
    expect(r.feed('\x1b[<35;12;6M')).toEqual([m('move', 11, 5, { button: 3 })]);
    expect(r.feed('\x1b[<28;200;50M')).toEqual([m('press', 199, 49, { shift: true, alt: true, ctrl: true })]);
    expect(r.feed('\x1b[M #!')).toEqual([m('press', 2, 0)]); // X10 fallback
  });

  it('interleave with typing and survive splits', () => {
    const r = router();
    const text = 'a\x1b[<0;3;4Mb';
    for (let cut = 1; cut < text.length; cut++) {
      expect([...r.feed(text.slice(0, cut)), ...r.feed(text.slice(cut))], `cut ${cut}`).toEqual([
        { type: 'forward', data: 'a' },
        m('press', 2, 3),
        { type: 'forward', data: 'b' },
      ]);
    }
  });

  it('arrive in history mode and overlays too, and do not consume the prefix', () => {
    const r = router();
    r.setMode('history');
    expect(r.feed('\x1b[<64;1;1M')).toEqual([m('wheel-up', 0, 0)]);
    r.setMode('normal');
    expect(r.feed(`${PREFIX}\x1b[<0;1;1Mz`)).toEqual([m('press', 0, 0), { type: 'command', command: 'zoom' }]);
  });
});

function modeRouter(mode: InputMode, textInput = false) {
  const r = router();
  r.setMode(mode, { textInput });
  return r;
}

describe('history mode', () => {
  it.each(DEFAULT_BINDINGS.filter((b) => b.context === 'history').map((b) => [b.command, b] as const))('%s', (_c, b) => {
    for (const key of keysOf('history', b.command)) {
      const r = modeRouter('history');
      // A lone ESC waits for the timeout (flush); every other key maps at once.
      const actions = key === '\x1b' ? [...r.feed(key), ...r.flush()] : r.feed(key);
      expect(actions).toEqual([{ type: 'command', command: b.command }]);
    }
  });

  it('drops unbound keys and pastes; the prefix still works', () => {
    const r = modeRouter('history');
    expect(r.feed('a\x01\x1b[200~text\x1b[201~')).toEqual([]);
    expect(r.feed(`${PREFIX}d`)).toEqual([{ type: 'command', command: 'detach' }]);
  });

  it('maps several keys in one chunk in order', () => {
    expect(modeRouter('history').feed('kkG')).toEqual([
      { type: 'command', command: 'history-line-up' },
      { type: 'command', command: 'history-line-up' },
      { type: 'command', command: 'history-bottom' },
    ]);
  });
});

describe('overlay mode', () => {
  it.each(DEFAULT_BINDINGS.filter((b) => b.context === 'overlay').map((b) => [b.command, b] as const))('%s', (_c, b) => {
    for (const key of keysOf('overlay', b.command)) {
      const r = modeRouter('overlay');
      const actions = key === '\x1b' ? [...r.feed(key), ...r.flush()] : r.feed(key);
      expect(actions).toEqual([{ type: 'command', command: b.command }]);
    }
  });

  it('reports unbound printable characters as text, drops unbound control keys', () => {
    expect(modeRouter('overlay').feed('ab\x01é🚀k')).toEqual([
      { type: 'text', data: 'abé🚀' },
      { type: 'command', command: 'overlay-up' },
    ]);
  });

  it('with an input line, every printable character is text; Backspace, Enter and arrows are commands', () => {
    const r = modeRouter('overlay', true);
    const back = keysOf('overlay', 'overlay-backspace')[0]!;
    expect(r.feed(`restart qk${back}\x1b[A\r`)).toEqual([
      { type: 'text', data: 'restart qk' },
      { type: 'command', command: 'overlay-backspace' },
      { type: 'command', command: 'overlay-up' },
      { type: 'command', command: 'overlay-accept' },
    ]);
  });

  it('takes a paste as text, without the markers', () => {
    expect(modeRouter('overlay', true).feed(`\x1b[200~send ${PREFIX}x\x1b[201~`)).toEqual([{ type: 'text', data: `send ${PREFIX}x` }]);
  });

  it('goes back to byte-exact forwarding in normal mode', () => {
    const r = modeRouter('overlay', true);
    r.setMode('normal');
    expect(r.feed('q\x1b[A')).toEqual([{ type: 'forward', data: 'q\x1b[A' }]);
    expect(r.mode).toBe('normal');
  });
});

describe('the pilot view: timeline mode', () => {
  it.each(DEFAULT_BINDINGS.filter((b) => b.context === 'timeline').map((b) => [b.command, b] as const))('%s', (_c, b) => {
    for (const key of keysOf('timeline', b.command)) {
      const r = modeRouter('timeline');
      const actions = key === '\x1b' ? [...r.feed(key), ...r.flush()] : r.feed(key);
      expect(actions).toEqual([{ type: 'command', command: b.command }]);
    }
  });

  it('drops unbound keys and pastes (nothing is typed into a timeline); the prefix still works', () => {
    const r = modeRouter('timeline');
    expect(r.feed('xz\x01\x1b[200~write a.txt\x1b[201~')).toEqual([]);
    expect(r.feed(`${PREFIX}p`)).toEqual([{ type: 'command', command: 'pilot' }]);
  });
});

describe('the pilot view: prompt mode', () => {
  it.each(DEFAULT_BINDINGS.filter((b) => b.context === 'prompt').map((b) => [b.command, b] as const))('%s', (_c, b) => {
    for (const key of keysOf('prompt', b.command)) {
      const r = modeRouter('prompt');
      const actions = key === '\x1b' ? [...r.feed(key), ...r.flush()] : r.feed(key);
      expect(actions, JSON.stringify(key)).toEqual([{ type: 'command', command: b.command }]);
    }
  });

  it('every printable character is text, the timeline\'s and overlays\' letters too', () => {
    expect(modeRouter('prompt').feed('gjkq ud b🚀é')).toEqual([{ type: 'text', data: 'gjkq ud b🚀é' }]);
  });

  it('Enter sends, Alt-Enter and C-j are newlines: a terminal tells them apart', () => {
    expect(modeRouter('prompt').feed('one\x1b\rtwo\nthree\r')).toEqual([
      { type: 'text', data: 'one' },
      { type: 'command', command: 'prompt-newline' },
      { type: 'text', data: 'two' },
      { type: 'command', command: 'prompt-newline' },
      { type: 'text', data: 'three' },
      { type: 'command', command: 'prompt-send' },
    ]);
  });

  it('takes a bracketed paste as text, its line breaks and the prefix included, and sends nothing', () => {
    expect(modeRouter('prompt').feed(`\x1b[200~line one\rline ${PREFIX}two\r\x1b[201~`)).toEqual([{ type: 'text', data: `line one\rline ${PREFIX}two\r` }]);
  });

  it('a lone Escape leaves the bar only after the escape timeout; Alt + a key is dropped, not typed', () => {
    const r = modeRouter('prompt');
    expect(r.feed('\x1b')).toEqual([]);
    expect(r.pendingMs()).toBe(ESCAPE_TIMEOUT_MS);
    expect(r.flush()).toEqual([{ type: 'command', command: 'prompt-leave' }]);
    expect(r.feed('\x1bx')).toEqual([]);
  });
});

describe('routing stops after a command', () => {
  it('keeps the rest of the chunk for the mode the command sets', async () => {
    const { createRouter: make } = await import('../../../src/ui/input/router.js');
    const { DEFAULT_BINDINGS: bindings } = await import('../../../src/keymap/bindings.js');
    const router = make({ prefix: 'C-b', bindings, mouse: false });
    // C-b [ (history) then "k" in the same chunk: k must be read as a history key
    const first = router.feed('\x02[k');
    expect(first).toEqual([{ type: 'command', command: 'history' }]);
    expect(router.stopped).toBe(true);
    router.setMode('history');
    expect(router.resume()).toEqual([{ type: 'command', command: 'history-line-up' }]);
    expect(router.stopped).toBe(false);
  });
});

import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { EventsLog, recentEvents } from '../../src/server/events-log.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-events-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CAP = { maxBytes: 50 * 1024 * 1024, keep: 2 };
const at = (e: FleetEvent) => (e as { at: number }).at;
const log = (i: number): FleetEvent => ({ type: 'log', name: 'a', level: 'info', message: `line ${i}`, at: i }) as FleetEvent;

describe('the events log, read back', () => {
  it('gives the last events, oldest first, filtered, skipping torn and foreign lines', () => {
    const path = join(dir, 'events.jsonl');
    const events = new EventsLog(path, CAP);
    expect(events.recent(10)).toEqual([]); // no log yet
    for (let i = 1; i <= 5; i++) events.append(log(i));
    appendFileSync(path, 'not json\n{"no":"type"}\n');
    events.append({ type: 'started', name: 'a', at: 6 } as FleetEvent);
    expect(events.recent(3).map(at)).toEqual([4, 5, 6]);
    expect(events.recent(2, (e) => e.type === 'log').map(at)).toEqual([4, 5]);
    expect(events.recent(0)).toEqual([]);
  });

  it('reads only the end of a long log, starting at a whole line', () => {
    const path = join(dir, 'events.jsonl');
    writeFileSync(path, Array.from({ length: 20_000 }, (_, i) => JSON.stringify(log(i))).join('\n') + '\n');
    const recent = new EventsLog(path, CAP).recent(100_000);
    expect(recent.length).toBeGreaterThan(1000);
    expect(recent.length).toBeLessThan(20_000);
    expect(at(recent.at(-1)!)).toBe(19_999);
    expect(recent.every((e, i) => i === 0 || at(e) === at(recent[i - 1]!) + 1)).toBe(true);
  });

  it('is capped and rotated by whole lines, and reads back across a rotation', () => {
    const path = join(dir, 'events.jsonl');
    const events = new EventsLog(path, { maxBytes: 64 * 1024, keep: 1 });
    let n = 0;
    // until events.jsonl has just been rotated and holds a handful of lines
    while (!(existsSync(`${path}.1`) && statSync(path).size > 0 && statSync(path).size < 1000)) events.append(log(n++));
    events.close();
    expect(readdirSync(dir).sort()).toEqual(['events.jsonl', 'events.jsonl.1']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(64 * 1024);
    // every line whole: the rotated file ends with one, the live one starts with one
    const recent = recentEvents(path, 50);
    expect(recent.map(at)).toEqual(Array.from({ length: 50 }, (_, i) => n - 50 + i));
    expect(recentEvents(path, 0)).toEqual([]);
  });

  it('a log that cannot be written does not throw, and says why', () => {
    const path = join(dir, 'sub');
    writeFileSync(path, 'a file where the folder should be');
    const events = new EventsLog(join(path, 'events.jsonl'), CAP);
    expect(() => events.append(log(1))).not.toThrow();
    expect(events.error).toBeInstanceOf(Error);
    events.close();
  });
});

import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { EventsLog } from '../../src/server/events-log.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-events-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (e: FleetEvent) => (e as { at: number }).at;
const log = (i: number): FleetEvent => ({ type: 'log', name: 'a', level: 'info', message: `line ${i}`, at: i }) as FleetEvent;

describe('the events log, read back', () => {
  it('gives the last events, oldest first, filtered, skipping torn and foreign lines', () => {
    const path = join(dir, 'events.jsonl');
    const events = new EventsLog(path);
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
    const recent = new EventsLog(path).recent(100_000);
    expect(recent.length).toBeGreaterThan(1000);
    expect(recent.length).toBeLessThan(20_000);
    expect(at(recent.at(-1)!)).toBe(19_999);
    expect(recent.every((e, i) => i === 0 || at(e) === at(recent[i - 1]!) + 1)).toBe(true);
  });
});

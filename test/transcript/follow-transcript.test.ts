import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followTranscript } from '../../src/transcript/follow-transcript.js';
import type { TranscriptEntry } from '../../src/transcript/transcript-entry.js';
import { TranscriptFile } from '../../src/transcript/transcript-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-follow-transcript-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (r: unknown) => JSON.stringify(r) + '\n';
const prompt = (text: string) => line({ type: 'user', message: { role: 'user', content: text } });

describe('following a transcript (-f)', () => {
  it('prints what is appended, a file replaced under its name from its start, and moves on to the file it is told of', async () => {
    const first = join(dir, 'a.jsonl');
    const second = join(dir, 'b.jsonl');
    writeFileSync(first, prompt('one'));
    const file = new TranscriptFile(first);
    expect(file.read().map((e) => e.type)).toEqual(['prompt']);

    let located = first;
    const got: Array<{ entries: TranscriptEntry[]; from?: string }> = [];
    const waiters: Array<() => void> = [];
    /** Resolves once an emitted batch satisfies `match` (those seen already count). */
    const until = (match: (b: { entries: TranscriptEntry[]; from?: string }) => boolean) =>
      new Promise<void>((resolve) => {
        const look = () => (got.some(match) ? (resolve(), true) : false);
        if (!look()) waiters.push(() => void look());
      });
    const texts = (b: { entries: TranscriptEntry[] }) => b.entries.map((e) => (e.type === 'prompt' ? e.text : e.type));
    const stop = new AbortController();
    const following = followTranscript(
      file,
      {
        locate: async () => located,
        emit: (entries, from) => {
          got.push({ entries, ...(from ? { from } : {}) });
          for (const w of waiters) w();
        },
      },
      stop.signal,
    );

    appendFileSync(first, prompt('two'));
    await until((b) => texts(b).includes('two'));
    writeFileSync(join(dir, 'new'), prompt('again'));
    renameSync(join(dir, 'new'), first);
    await until((b) => texts(b).join() === 'file_reset,again');
    writeFileSync(second, prompt('elsewhere'));
    located = second;
    await until((b) => b.from === second && texts(b).join() === 'elsewhere');
    stop.abort();
    await following;
    // the prompt 'two' ends turn 1 (which recorded no tokens)
    expect(got.flatMap(texts)).toEqual(['turn_end', 'two', 'file_reset', 'again', 'elsewhere']);
  });
});

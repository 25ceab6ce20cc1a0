import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../src/protocol/messages.js';
import { checkArgs } from '../../src/protocol/request-args.js';
import { REQUESTS, VERBS, type Verb } from '../../src/protocol/requests.js';
import { parseClientMessage, parseServerMessage } from '../../src/protocol/validate.js';
import { GOLDEN_REQUESTS } from './golden-requests.js';

/**
 * Each verb's request and answer as they cross the wire, one file per verb. Append-only like
 * golden.test.ts: a missing file fails (HANGAR_WRITE_MISSING_GOLDEN=1 writes files for NEW
 * verbs); an existing file is never rewritten by the test — a mismatch is a wire change.
 */
const DIR = fileURLToPath(new URL('./golden/requests/', import.meta.url));
const goldenPath = (verb: string): string => `${DIR}${verb}.json`;

function exchange(verb: Verb): { request: ClientMessage; response: ServerMessage } {
  const { args, result } = GOLDEN_REQUESTS[verb];
  return {
    request: { t: 'request', id: 7, verb, args: args as Record<string, unknown> },
    response: { t: 'response', id: 7, ok: true, result },
  };
}

const text = (verb: Verb): string => JSON.stringify(exchange(verb), null, 2) + '\n';

describe('golden requests', () => {
  it('has a file for every verb of the table, and none for a verb it does not have', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
    for (const verb of VERBS) if (!existsSync(goldenPath(verb)) && process.env.HANGAR_WRITE_MISSING_GOLDEN === '1') writeFileSync(goldenPath(verb), text(verb));
    expect(VERBS.filter((v) => !existsSync(goldenPath(v))), 'verbs without a golden file').toEqual([]);
    expect(files.filter((f) => !(VERBS as string[]).includes(f)), 'golden files of no verb').toEqual([]);
  });

  describe.each(VERBS.map((v) => [v] as const))('%s', (verb) => {
    it('encodes to the pinned request and answer', () => {
      expect(readFileSync(goldenPath(verb), 'utf8')).toBe(text(verb));
    });

    it('pins a request that names every field of its schema, and that the schema accepts', () => {
      const { request, response } = JSON.parse(readFileSync(goldenPath(verb), 'utf8')) as { request: unknown; response: unknown };
      const parsed = parseClientMessage(request);
      expect(parsed.t).toBe('request');
      if (parsed.t !== 'request') return;
      expect(Object.keys(parsed.args).sort()).toEqual(Object.keys(REQUESTS[verb].args).sort());
      expect(checkArgs(verb, parsed.args)).toEqual({ ok: true, args: parsed.args });
      expect(parseServerMessage(response)).toMatchObject({ t: 'response', ok: true });
    });
  });
});

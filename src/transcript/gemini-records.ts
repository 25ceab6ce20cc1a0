/**
 * Gemini CLI's chat recording (`~/.gemini/tmp/<project hash>/chats/session-<time>-<id>.jsonl`;
 * before 0.3x one `.json` document whose `messages` are these same records) as transcript
 * pieces. Records (gemini-cli core/src/services/chatRecordingService.ts, MessageRecord):
 * `{id, timestamp, type: user | gemini | info | error | warning, content}`; a `gemini` record
 * adds `toolCalls` [{id, name, args, result, status, resultDisplay}], `tokens` {input, output,
 * cached, thoughts, tool, total} and `model`. The JSONL form appends a record again, whole,
 * each time it changes (a tool call's result arrives, tokens are counted): a record seen
 * before shows only what it did not show yet, and its tokens count once (the last wins). A
 * first line of session metadata and `{"$set": …}` updates say nothing of the conversation.
 */
import { contentText, cutResult, keyArgument } from './tool-text.js';
import { count, isRec, stamp, str, type Piece, type PieceBody, type Rec } from './record-piece.js';

const MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning']);

/** Whether a record is Gemini CLI's: a message record (an id, one of its types, no Claude `message`), its metadata or an update. */
export function isGeminiRecord(r: Rec): boolean {
  if ('$set' in r) return true;
  if (typeof r['sessionId'] === 'string' && typeof r['projectHash'] === 'string' && !('type' in r)) return true;
  return typeof r['id'] === 'string' && typeof r['type'] === 'string' && MESSAGE_TYPES.has(r['type']) && !('message' in r);
}

export class GeminiRecords {
  /** what each message id has shown: its text so far, its calls, its results */
  private readonly shown = new Map<string, { text: string; calls: Set<string>; results: Set<string> }>();

  pieces(r: Rec): Piece[] {
    const type = str(r['type']);
    const id = str(r['id']);
    if (!type || !id) return [];
    const at = stamp(r);
    const out = (bodies: PieceBody[]): Piece[] => bodies.map((b) => ({ ...b, at }) as Piece);
    let seen = this.shown.get(id);
    if (!seen) this.shown.set(id, (seen = { text: '', calls: new Set(), results: new Set() }));
    const text = contentText(r['content']).trim();
    const fresh = this.freshText(seen, text);
    switch (type) {
      case 'user':
        return out(fresh ? [{ type: 'prompt', text: fresh }] : []);
      case 'error':
        return out(fresh ? [{ type: 'error', text: fresh }] : []);
      case 'gemini':
        return out(this.reply(r, id, seen, fresh));
      default:
        return []; // info and warning: the CLI's notes to the person, not the conversation
    }
  }

  /** The part of a message's text not shown yet: all of it, or what was appended to it. */
  private freshText(seen: { text: string }, text: string): string {
    if (text === seen.text) return '';
    const fresh = text.startsWith(seen.text) && seen.text !== '' ? text.slice(seen.text.length).trim() : text;
    seen.text = text;
    return fresh;
  }

  private reply(r: Rec, id: string, seen: { calls: Set<string>; results: Set<string> }, fresh: string): PieceBody[] {
    const bodies: PieceBody[] = [];
    if (typeof r['model'] === 'string') bodies.push({ type: 'model', model: r['model'] });
    if (fresh) bodies.push({ type: 'text', text: fresh });
    const calls = Array.isArray(r['toolCalls']) ? r['toolCalls'].filter(isRec) : [];
    calls.forEach((call, i) => {
      const callId = str(call['id']) ?? `${id}#${i}`;
      const tool = str(call['name']) ?? '?';
      if (!seen.calls.has(callId)) {
        seen.calls.add(callId);
        bodies.push({ type: 'tool_call', id: callId, tool, arg: keyArgument(call['args']) });
      }
      const status = str(call['status']);
      const done = status === 'success' || status === 'error' || status === 'cancelled' || call['result'] != null;
      if (done && !seen.results.has(callId)) {
        seen.results.add(callId);
        bodies.push({ type: 'tool_result', id: callId, tool, ...cutResult(resultText(call)), is_error: status === 'error' || status === 'cancelled' });
      }
    });
    const tokens = isRec(r['tokens']) ? r['tokens'] : null;
    if (tokens) {
      const cached = count(tokens['cached']);
      // Gemini's input (promptTokenCount) holds the cached tokens; thoughts are billed as output
      bodies.push({
        type: 'usage',
        key: `gemini:${id}`,
        usage: { input: Math.max(0, count(tokens['input']) - cached) + count(tokens['tool']), output: count(tokens['output']) + count(tokens['thoughts']), cache_read: cached, cache_write: 0 },
        cost_usd: null,
      });
    }
    return bodies;
  }
}

/** A call's result as text: what the CLI displayed, else the function response's output or error. */
function resultText(call: Rec): string {
  if (typeof call['resultDisplay'] === 'string' && call['resultDisplay'] !== '') return call['resultDisplay'];
  const parts = Array.isArray(call['result']) ? call['result'] : [call['result']];
  const texts: string[] = [];
  for (const part of parts) {
    const response = isRec(part) && isRec(part['functionResponse']) && isRec(part['functionResponse']['response']) ? part['functionResponse']['response'] : null;
    if (response) texts.push(String(response['output'] ?? response['error'] ?? ''));
    else if (isRec(part) && typeof part['text'] === 'string') texts.push(part['text']);
  }
  return texts.join('\n');
}

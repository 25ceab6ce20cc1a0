import { createHash } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { DemoOptions } from './args.js';
import type { Conversation } from './conversation-store.js';

// The demo's session transcript, `<stateDir>/<id>.jsonl`, in the record shape Claude Code appends
// to `~/.claude/projects/<dir>/<id>.jsonl`: one user record and one assistant record per turn, the
// assistant's carrying `stop_reason: "end_turn"` and the turn's token usage. hangar reads it the way
// it reads a real CLI's session file (turn ends, tokens). The `.json` beside it stays the demo's
// own source of truth for --resume and forks; this file is only ever written from it.

/** Tokens every request spends on the (pretend) system prompt and tool definitions. */
export const SYSTEM_PROMPT_TOKENS = 10;

/** The `usage` object of an assistant record, as the Messages API reports it. */
export interface TurnUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

interface RecordBase {
  sessionId: string;
  cwd: string;
  timestamp: string;
  uuid: string;
  parentUuid: string | null;
  isSidechain: false;
  userType: 'external';
}

export interface UserRecord extends RecordBase {
  type: 'user';
  message: { role: 'user'; content: string };
}

export interface AssistantRecord extends RecordBase {
  type: 'assistant';
  requestId: string;
  message: {
    id: string;
    type: 'message';
    role: 'assistant';
    model: string;
    content: Array<{ type: 'text'; text: string }>;
    stop_reason: 'end_turn';
    stop_sequence: null;
    usage: TurnUsage;
  };
}

/** Whether a run starts its session file afresh or continues the one it finds. */
export type SessionLogStart = 'fresh' | 'continue';

export function sessionLogPath(stateDir: string, id: string): string {
  return join(stateDir, `${id}.jsonl`);
}

/**
 * Plausible, deterministic token counts for turn `index`, about 4 characters (code points) a token:
 * - input_tokens: ceil(prompt / 4) + {@link SYSTEM_PROMPT_TOKENS};
 * - output_tokens: ceil(reply / 4), at least 1;
 * - cache_read_input_tokens: input + output of every earlier turn (the context the request re-reads);
 * - cache_creation_input_tokens: this turn's input + output (what the next turn will re-read).
 */
export function turnUsage(conversation: Conversation, index: number): TurnUsage {
  const own = (i: number): { input: number; output: number } => {
    const turn = turnAt(conversation, i);
    return { input: tokenCount(turn.prompt) + SYSTEM_PROMPT_TOKENS, output: Math.max(1, tokenCount(turn.reply)) };
  };
  let earlier = 0;
  for (let i = 0; i < index; i++) {
    const { input, output } = own(i);
    earlier += input + output;
  }
  const { input, output } = own(index);
  return { input_tokens: input, output_tokens: output, cache_creation_input_tokens: input + output, cache_read_input_tokens: earlier };
}

/**
 * The user and assistant records of turn `index` (0-based). Pure: every id is derived from the
 * conversation id and the turn index, so the same turn always gives the same records.
 */
export function turnRecords(conversation: Conversation, index: number): [UserRecord, AssistantRecord] {
  const turn = turnAt(conversation, index);
  const base = { sessionId: conversation.id, cwd: conversation.cwd, isSidechain: false, userType: 'external' } as const;
  const userUuid = derivedUuid(conversation.id, index, 'user');
  // A Turn keeps only when it ended, so the prompt is stamped with that time too.
  const user: UserRecord = {
    type: 'user',
    ...base,
    timestamp: turn.at,
    uuid: userUuid,
    parentUuid: index === 0 ? null : derivedUuid(conversation.id, index - 1, 'assistant'),
    message: { role: 'user', content: turn.prompt },
  };
  const assistant: AssistantRecord = {
    type: 'assistant',
    ...base,
    timestamp: turn.at,
    uuid: derivedUuid(conversation.id, index, 'assistant'),
    parentUuid: userUuid,
    requestId: `req_${digest(conversation.id, index, 'request').slice(0, 24)}`,
    message: {
      id: `msg_${digest(conversation.id, index, 'message').slice(0, 24)}`,
      type: 'message',
      role: 'assistant',
      model: conversation.model,
      content: [{ type: 'text', text: turn.reply }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: turnUsage(conversation, index),
    },
  };
  return [user, assistant];
}

/** The JSONL text of turns `fromTurn`.. of a conversation: complete lines, one record each. */
export function sessionLogText(conversation: Conversation, fromTurn = 0): string {
  let text = '';
  for (let i = fromTurn; i < conversation.turns.length; i++) {
    for (const record of turnRecords(conversation, i)) text += JSON.stringify(record) + '\n';
  }
  return text;
}

/** A plain --resume continues its conversation's session file; a new conversation or a fork starts its own. */
export function sessionLogStart(options: Pick<DemoOptions, 'resumeId' | 'fork'>): SessionLogStart {
  return options.resumeId !== undefined && !options.fork ? 'continue' : 'fresh';
}

/**
 * Keeps `<stateDir>/<id>.jsonl` in step with the conversation it is given after every save.
 * The first call makes the file hold every turn the conversation starts with (written whole,
 * atomically) — unless `start` is 'continue' and the file exists, which then already holds them.
 * Each later call appends the records of the turns added since, in one append of complete lines;
 * a call that throws leaves its turns to the next one.
 */
export function sessionLogWriter(stateDir: string, start: SessionLogStart): (conversation: Conversation) => void {
  let logged: number | undefined;
  return (conversation) => {
    const path = sessionLogPath(stateDir, conversation.id);
    if (logged === undefined) {
      if (start === 'fresh' || !existsSync(path)) writeFileAtomic(path, sessionLogText(conversation));
    } else if (conversation.turns.length > logged) {
      appendFileSync(path, sessionLogText(conversation, logged));
    }
    logged = conversation.turns.length;
  };
}

function turnAt(conversation: Conversation, index: number) {
  const turn = conversation.turns[index];
  if (turn === undefined) throw new RangeError(`conversation ${conversation.id} has no turn ${index}`);
  return turn;
}

function tokenCount(text: string): number {
  return Math.ceil(Array.from(text).length / 4);
}

function digest(id: string, index: number, label: string): string {
  return createHash('sha256').update(`${id}\n${index}\n${label}`).digest('hex');
}

/** A hash-derived uuid, marked as version 8 (RFC 9562's custom kind) since it is not random. */
function derivedUuid(id: string, index: number, label: string): string {
  const hex = digest(id, index, label);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

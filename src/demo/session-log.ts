import { createHash } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { DemoOptions } from './args.js';
import type { Conversation, ToolStep, Turn, TurnTool } from './conversation-store.js';
import { mcpToolName } from './tool-call.js';

// The demo's session transcript, `<stateDir>/<id>.jsonl`, in the record shape Claude Code appends
// to `~/.claude/projects/<dir>/<id>.jsonl`: one user record and one assistant record per turn, the
// assistant's carrying `stop_reason: "end_turn"` and the turn's token usage. A turn that ran a file
// command (write, append, rm) records it as Claude Code records a tool: an assistant record with a
// `tool_use` block (Write {file_path, content}, Bash {command}, or an MCP tool `mcp__SERVER__TOOL`
// with its arguments, for `/tool`), a user record with its
// `tool_result`, then the closing reply. hangar reads it the way it reads a real CLI's session
// file (turn ends, tokens, `hangar transcript`). The `.json` beside it stays the demo's own source
// of truth for --resume and forks; this file is only ever written from it.

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

/** A tool call as the Messages API writes it in an assistant message. */
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  /** Write, Bash, or an MCP tool as Claude Code names it: mcp__SERVER__TOOL */
  name: string;
  input: { file_path: string; content: string } | { command: string; description: string } | Record<string, unknown>;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error: boolean;
}

export interface UserRecord extends RecordBase {
  type: 'user';
  message: { role: 'user'; content: string | ToolResultBlock[] };
}

export interface AssistantRecord extends RecordBase {
  type: 'assistant';
  requestId: string;
  message: {
    id: string;
    type: 'message';
    role: 'assistant';
    model: string;
    content: Array<{ type: 'text'; text: string } | ToolUseBlock>;
    stop_reason: 'end_turn' | 'tool_use';
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
 * The records of turn `index` (0-based): the user's prompt and the assistant's reply — with, for
 * a turn that ran a file command or a tool (each step of a scripted turn), each call and its result between them. The turn's usage
 * is spread over its requests (the tool call's reads the context, the reply's writes the
 * answer): their sum is always {@link turnUsage}. Pure: every id is derived from the
 * conversation id and the turn index, so the same turn always gives the same records.
 */
export function turnRecords(conversation: Conversation, index: number): [UserRecord, AssistantRecord, ...Array<UserRecord | AssistantRecord>] {
  const turn = turnAt(conversation, index);
  const base = { sessionId: conversation.id, cwd: conversation.cwd, isSidechain: false, userType: 'external' } as const;
  const id = (label: string) => derivedUuid(conversation.id, index, label);
  const usage = turnUsage(conversation, index);
  // A Turn keeps only when it ended, so the prompt is stamped with that time too.
  const user: UserRecord = {
    type: 'user',
    ...base,
    timestamp: turn.at,
    uuid: id('user'),
    parentUuid: index === 0 ? null : lastUuid(conversation, index - 1),
    message: { role: 'user', content: turn.prompt },
  };
  const assistant = (label: string, parentUuid: string, content: AssistantRecord['message']['content'], stop: 'end_turn' | 'tool_use', spent: TurnUsage): AssistantRecord => ({
    type: 'assistant',
    ...base,
    timestamp: turn.at,
    uuid: id(label),
    parentUuid,
    requestId: `req_${digest(conversation.id, index, label === 'assistant' ? 'request' : `${label}-request`).slice(0, 24)}`,
    message: {
      id: `msg_${digest(conversation.id, index, label === 'assistant' ? 'message' : `${label}-message`).slice(0, 24)}`,
      type: 'message',
      role: 'assistant',
      model: conversation.model,
      content,
      stop_reason: stop,
      stop_sequence: null,
      usage: spent,
    },
  });
  const steps = turnSteps(turn);
  if (steps.length === 0) return [user, assistant('assistant', user.uuid, [{ type: 'text', text: turn.reply }], 'end_turn', usage)];
  // Each tool call is a request of its own: the first reads the context, the later ones spend nothing
  // more (the demo does not count them), the closing reply writes the answer.
  const records: Array<UserRecord | AssistantRecord> = [];
  let parent = user.uuid;
  steps.forEach((step, i) => {
    const label = (name: string) => (i === 0 ? name : `${name}-${i}`);
    const toolUseId = `toolu_${digest(conversation.id, index, label('tool')).slice(0, 24)}`;
    const spent = i === 0 ? { ...usage, output_tokens: 0 } : { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const call = assistant(label('tool-call'), parent, [{ type: 'tool_use', id: toolUseId, name: toolName(step.tool), input: toolInput(conversation.cwd, step.tool) }], 'tool_use', spent);
    const result: UserRecord = {
      type: 'user',
      ...base,
      timestamp: turn.at,
      uuid: id(label('tool-result')),
      parentUuid: call.uuid,
      message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUseId, content: step.result, is_error: isErrorResult(step) }] },
    };
    records.push(call, result);
    parent = result.uuid;
  });
  const closing = assistant('assistant', parent, [{ type: 'text', text: turn.reply }], 'end_turn', { input_tokens: 0, output_tokens: usage.output_tokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  const [firstCall, ...rest] = records as [AssistantRecord, ...Array<UserRecord | AssistantRecord>];
  return [user, firstCall, ...rest, closing];
}

/** A turn's tool calls: a scripted turn's steps, or the one command whose result is the reply. */
function turnSteps(turn: Turn): ToolStep[] {
  if (turn.steps) return turn.steps;
  return turn.tool ? [{ tool: turn.tool, result: turn.reply }] : [];
}

/** The uuid of a turn's last record: the next turn's prompt follows it. */
function lastUuid(conversation: Conversation, index: number): string {
  return derivedUuid(conversation.id, index, 'assistant');
}

/** Claude Code writes a file with Write; appending and removing go through Bash; an MCP tool is mcp__SERVER__TOOL. */
function toolName(command: TurnTool): ToolUseBlock['name'] {
  if (command.kind === 'mcp') return mcpToolName(command);
  return command.kind === 'write' ? 'Write' : 'Bash';
}

function toolInput(cwd: string, command: TurnTool): ToolUseBlock['input'] {
  if (command.kind === 'mcp') return command.input;
  const path = resolve(cwd, command.path);
  switch (command.kind) {
    case 'write':
      return { file_path: path, content: `${command.text}\n` };
    case 'append':
      return { command: `printf '%s\\n' ${shellQuote(command.text)} >> ${shellQuote(command.path)}`, description: `Append to ${command.path}` };
    case 'rm':
      return { command: `rm ${shellQuote(command.path)}`, description: `Remove ${command.path}` };
  }
}

function shellQuote(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A tool call that failed: runFileCommand's replies say so, an MCP tool's result is marked. */
function isErrorResult(step: ToolStep): boolean {
  if (step.tool.kind === 'mcp') return step.tool.isError;
  return step.result.startsWith('Error:');
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

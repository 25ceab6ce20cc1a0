import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { McpToolCall } from './tool-call.js';
import type { FileCommand } from './workspace-files.js';

/** What a turn ran before its reply: a file command, or an MCP tool call. */
export type TurnTool = FileCommand | McpToolCall;

/** A step of a scripted turn: the tool it ran and what that gave. */
export interface ToolStep {
  tool: TurnTool;
  result: string;
}

/** One prompt and the agent's answer to it. */
export interface Turn {
  prompt: string;
  reply: string;
  /** ISO time the turn ended. */
  at: string;
  /** the file command or MCP tool the turn ran (its result is the reply): the session log records it as a tool call */
  tool?: TurnTool;
  /** a scripted turn's tool calls, in order (prompt-script.ts); the reply closes the turn after them */
  steps?: ToolStep[];
}

/** Where a forked conversation came from: its first `turn` turns are those of conversation `id`. */
export interface ForkOrigin {
  id: string;
  turn: number;
}

/** The state file of one demo session: `<stateDir>/<id>.json`. */
export interface Conversation {
  id: string;
  model: string;
  cwd: string;
  turns: Turn[];
  /** set on a conversation made by --fork-session or --at-turn */
  forkedFrom?: ForkOrigin;
}

export function conversationPath(stateDir: string, id: string): string {
  return join(stateDir, `${id}.json`);
}

export function saveConversation(stateDir: string, conversation: Conversation): void {
  writeFileAtomic(conversationPath(stateDir, conversation.id), JSON.stringify(conversation, null, 2) + '\n');
}

export type LoadedConversation = { ok: true; conversation: Conversation } | { ok: false; error: string };

/** Read a saved conversation, checking its shape so a hand-edited file gives a clear error. */
export function loadConversation(stateDir: string, id: string): LoadedConversation {
  const path = conversationPath(stateDir, id);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? `no conversation ${id} in ${stateDir}` : `cannot read ${path}: ${String(err)}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `${path}: not JSON (${(err as Error).message})` };
  }
  const conversation = asConversation(data);
  if (conversation === undefined) return { ok: false, error: `${path}: not a demo conversation` };
  if (conversation.id !== id) return { ok: false, error: `${path}: holds conversation ${conversation.id}, not ${id}` };
  return { ok: true, conversation };
}

/**
 * A new conversation `id` holding the first `atTurn` turns of `source` (all of them when
 * `atTurn` is undefined). Pure: `source` is not changed, so every one of its turns stays
 * reachable by resuming it again.
 */
export function forkConversation(
  source: Conversation,
  fork: { id: string; atTurn: number | undefined; model: string; cwd: string },
): LoadedConversation {
  const kept = fork.atTurn ?? source.turns.length;
  if (!Number.isInteger(kept) || kept < 0) return { ok: false, error: `cannot resume at turn ${kept}: not a whole number >= 0` };
  if (kept > source.turns.length) {
    return { ok: false, error: `conversation ${source.id} has ${plural(source.turns.length, 'turn')}; cannot resume at turn ${kept}` };
  }
  if (fork.id === source.id) return { ok: false, error: `a fork of ${source.id} needs a new session id` };
  return {
    ok: true,
    conversation: { id: fork.id, model: fork.model, cwd: fork.cwd, turns: source.turns.slice(0, kept), forkedFrom: { id: source.id, turn: kept } },
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function asConversation(data: unknown): Conversation | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { id, model, cwd, turns, forkedFrom } = data as Record<string, unknown>;
  if (typeof id !== 'string' || typeof model !== 'string' || typeof cwd !== 'string' || !Array.isArray(turns)) return undefined;
  const origin = forkedFrom === undefined ? undefined : asForkOrigin(forkedFrom);
  if (forkedFrom !== undefined && origin === undefined) return undefined;
  const checked: Turn[] = [];
  for (const turn of turns) {
    if (typeof turn !== 'object' || turn === null) return undefined;
    const { prompt, reply, at, tool, steps } = turn as Record<string, unknown>;
    if (typeof prompt !== 'string' || typeof reply !== 'string' || typeof at !== 'string') return undefined;
    const command = tool === undefined ? undefined : asTurnTool(tool);
    if (tool !== undefined && command === undefined) return undefined;
    const ran = steps === undefined ? undefined : asToolSteps(steps);
    if (steps !== undefined && ran === undefined) return undefined;
    checked.push({ prompt, reply, at, ...(command ? { tool: command } : {}), ...(ran ? { steps: ran } : {}) });
  }
  return { id, model, cwd, turns: checked, ...(origin ? { forkedFrom: origin } : {}) };
}

function asForkOrigin(data: unknown): ForkOrigin | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { id, turn } = data as Record<string, unknown>;
  return typeof id === 'string' && typeof turn === 'number' && Number.isInteger(turn) && turn >= 0 ? { id, turn } : undefined;
}

function asToolSteps(data: unknown): ToolStep[] | undefined {
  if (!Array.isArray(data)) return undefined;
  const steps: ToolStep[] = [];
  for (const step of data) {
    if (typeof step !== 'object' || step === null) return undefined;
    const { tool, result } = step as Record<string, unknown>;
    const checked = asTurnTool(tool);
    if (checked === undefined || typeof result !== 'string') return undefined;
    steps.push({ tool: checked, result });
  }
  return steps;
}

function asTurnTool(data: unknown): TurnTool | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, path, text, server, name, input, isError } = data as Record<string, unknown>;
  if (kind === 'mcp') {
    const ok = typeof server === 'string' && typeof name === 'string' && typeof isError === 'boolean' && typeof input === 'object' && input !== null && !Array.isArray(input);
    return ok ? { kind, server, name, input: input as Record<string, unknown>, isError } : undefined;
  }
  if (typeof path !== 'string') return undefined;
  if (kind === 'rm') return { kind, path };
  return (kind === 'write' || kind === 'append') && typeof text === 'string' ? { kind, path, text } : undefined;
}

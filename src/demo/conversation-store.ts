import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** One prompt and the agent's answer to it. */
export interface Turn {
  prompt: string;
  reply: string;
  /** ISO time the turn ended. */
  at: string;
}

/** The state file of one demo session: `<stateDir>/<id>.json`. */
export interface Conversation {
  id: string;
  model: string;
  cwd: string;
  turns: Turn[];
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

function asConversation(data: unknown): Conversation | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { id, model, cwd, turns } = data as Record<string, unknown>;
  if (typeof id !== 'string' || typeof model !== 'string' || typeof cwd !== 'string' || !Array.isArray(turns)) return undefined;
  const checked: Turn[] = [];
  for (const turn of turns) {
    if (typeof turn !== 'object' || turn === null) return undefined;
    const { prompt, reply, at } = turn as Record<string, unknown>;
    if (typeof prompt !== 'string' || typeof reply !== 'string' || typeof at !== 'string') return undefined;
    checked.push({ prompt, reply, at });
  }
  return { id, model, cwd, turns: checked };
}

/**
 * What a tool answers when that is more than its verb's result, from the tool's own
 * arguments (protocol/mcp-tools.ts `own`). `list`: each agent with `needs_attention` (zwarm's
 * list_sessions flag), so an orchestrator sees at once which workers wait on it.
 * `transcript`: the verb names the agent's session
 * file, and `hangar mcp` reads it as `hangar transcript` does (the same machine's disk),
 * keeping the turns asked for — the last one by default, so an orchestrator's context is not
 * flooded with a long conversation.
 */
import type { ToolName } from '../protocol/mcp-tools.js';
import { needsAttention } from '../protocol/needs-attention.js';
import type { FleetStatus, TranscriptSource } from '../protocol/requests.js';
import { readTranscript } from '../transcript/transcript-file.js';
import { chooseTurns } from '../transcript/transcript-text.js';

/** The verb's result and the tool's own arguments (checked against their schema) → the tool's answer; throws a message for the caller. */
export type ToolAnswerer = (result: unknown, own: Record<string, unknown>) => unknown;

export const TOOL_ANSWERS: Partial<Record<ToolName, ToolAnswerer>> = {
  list(result) {
    const status = result as FleetStatus;
    return { ...status, agents: status.agents.map((a) => ({ ...a, needs_attention: needsAttention(a.status) })) };
  },

  transcript(result, own) {
    const source = result as TranscriptSource;
    // the CLI's words when there is nothing to read
    if (!source.path) throw new Error(source.reason ?? `no transcript for ${source.name}`);
    const entries = readTranscript(source.path);
    const turns = entries.reduce((max, e) => Math.max(max, e.turn), 0);
    const chosen = typeof own.turn === 'number' ? chooseTurns(entries, { kind: 'turn', turn: own.turn }) : chooseTurns(entries, { kind: 'last', count: typeof own.last === 'number' ? own.last : 1 });
    return { name: source.name, path: source.path, turns, entries: chosen };
  },
};

/**
 * What a watcher sees of one finished turn: the prompt, the reply, its tool calls and their
 * errors, the files its edit tools named, hangar's MCP tools it called, its tokens and cost, and
 * the agent's cost so far and screen at the turn's end. `observeTurn` folds a turn's transcript
 * entries (transcript/: the same for every CLI) into one. Pure.
 */
import type { TranscriptEntry } from '../transcript/transcript-entry.js';
import { editedFiles, hangarTool } from './tool-kinds.js';

export interface ToolCall {
  tool: string;
  /** the argument that says what it does (transcript/tool-text.ts) */
  arg: string;
}

export interface TurnObservation {
  /** the conversation's turn number (transcript entries' `turn`) */
  turn: number;
  prompt: string;
  /** the assistant's text of the turn, joined */
  reply: string;
  toolCalls: ToolCall[];
  /** the texts of tool results marked as errors, and errors the CLI recorded */
  errors: string[];
  /** files the turn's edit tools named (Write, Edit, apply_patch, …) */
  filesChanged: string[];
  /** hangar's MCP tools it called (`mcp__hangar__delegate` → delegate), in order */
  mcpCalls: string[];
  /** tokens of the turn; null when its records count none */
  tokens: number | null;
  /** the turn's cost where the records state it; null otherwise */
  costUsd: number | null;
  /** the agent's cost so far (status, hangar costs); null when unknown */
  totalCostUsd: number | null;
  /** the screen's rows at the turn's end */
  screen: string[];
}

/** The rest of an observation, from outside the transcript. */
export interface TurnContext {
  totalCostUsd: number | null;
  screen: string[];
}

/** One turn's entries (its prompt through its turn_end) as an observation. */
export function observeTurn(entries: readonly TranscriptEntry[], context: TurnContext): TurnObservation {
  const obs: TurnObservation = { turn: 0, prompt: '', reply: '', toolCalls: [], errors: [], filesChanged: [], mcpCalls: [], tokens: null, costUsd: null, ...context };
  const replies: string[] = [];
  for (const e of entries) {
    obs.turn = Math.max(obs.turn, e.turn);
    if (e.sidechain) continue;
    switch (e.type) {
      case 'prompt':
        obs.prompt = e.text;
        break;
      case 'text':
        replies.push(e.text);
        break;
      case 'tool_call': {
        obs.toolCalls.push({ tool: e.tool, arg: e.arg });
        for (const f of editedFiles(e.tool, e.arg)) if (!obs.filesChanged.includes(f)) obs.filesChanged.push(f);
        const mcp = hangarTool(e.tool);
        if (mcp !== null) obs.mcpCalls.push(mcp);
        break;
      }
      case 'tool_result':
        if (e.is_error) obs.errors.push(e.text);
        break;
      case 'error':
        obs.errors.push(e.text);
        break;
      case 'turn_end':
        if (e.usage) obs.tokens = e.usage.input + e.usage.output + e.usage.cache_read + e.usage.cache_write;
        obs.costUsd = e.cost_usd;
        break;
      default:
        break;
    }
  }
  obs.reply = replies.join('\n');
  return obs;
}

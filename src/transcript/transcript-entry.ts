/**
 * The one record schema of a transcript, whatever CLI wrote the session file: what
 * `hangar transcript --json` prints (one entry a line) and what the text rendering and the
 * cockpit's overlay are made from. Field names are snake_case, as the JSON other programs
 * read. A leaf: types and a few constants only.
 */

/** Tokens as the records count them: input not read from a cache, output, cache reads and writes. */
export interface TranscriptUsage {
  input: number;
  output: number;
  cache_read: number;
  cache_write: number;
}

/** Fields every entry has. */
export interface EntryBase {
  /** the conversation's turn, counted by its prompts from 1 (0: records before the first prompt) */
  turn: number;
  /** the record's own time (ISO), null when it has none */
  at: string | null;
  /** written by a subagent (Claude Code's sidechain): its prompts start no turn */
  sidechain?: true;
}

export type EntryBody =
  /** a person's prompt (or a subagent's task, with sidechain) */
  | { type: 'prompt'; text: string }
  /** the assistant's text */
  | { type: 'text'; text: string }
  /** a tool call: the tool and the one argument that says what it does (the command, the file path, the pattern) */
  | { type: 'tool_call'; id: string | null; tool: string; arg: string }
  /** a tool's result, its text cut to RESULT_LINES lines; `lines`: how many it had */
  | { type: 'tool_result'; id: string | null; tool: string | null; text: string; lines: number; is_error: boolean }
  /** the context was compacted (summarised) here */
  | { type: 'compaction'; trigger: string | null; tokens_before: number | null }
  /** an error the CLI recorded (an API error such as a 429, an aborted turn) */
  | { type: 'error'; text: string }
  /** a record of a type this version of hangar does not know: shown, never fatal */
  | { type: 'unknown'; record_type: string }
  /** a line passed over: longer than MAX_LINE_BYTES, or not JSON */
  | { type: 'skipped'; reason: 'line_too_long' | 'not_json'; bytes: number }
  /** the file was replaced or cut short under its name: what follows is read from its start again */
  | { type: 'file_reset'; reason: 'replaced' | 'cut_short' }
  /**
   * the turn is over (or, with in_progress, the file ends inside it): its tokens counted once
   * per message, the cost where the records state one, the model they name
   */
  | { type: 'turn_end'; usage: TranscriptUsage | null; cost_usd: number | null; model: string | null; in_progress?: true };

export type TranscriptEntry = EntryBase & EntryBody;

/** A tool result keeps this many lines; the rest is counted. */
export const RESULT_LINES = 4;
/** Each kept line of a result, a call's argument: at most this many characters. */
export const LINE_CHARS = 200;
/** A session-file line longer than this is passed over with a marker (a whole file pasted into a tool result). */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

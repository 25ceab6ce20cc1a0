/**
 * The fleet's MCP tools (`hangar mcp`, issue 15): each is a verb of the request table, under
 * the name an orchestrator agent calls it by, with arguments the tool fixes (not shown to the
 * caller). Its input schema and its errors come from the verb (requests.ts): a new verb or
 * argument reaches the tools with no code of their own. zwarm's names where they mean the same.
 */
import type { Args, FieldSpec, Verb } from './requests.js';

export interface ToolSpec<V extends Verb = Verb> {
  readonly verb: V;
  /** one line for the model: what the tool is for (the verb's summary says what it does) */
  readonly summary: string;
  /** arguments set by the tool, left out of its schema */
  readonly fixed?: Partial<Args<V>>;
  /** the argument set to the agent that runs `hangar mcp` ($HANGAR_AGENT), left out of the schema: it acts as itself */
  readonly caller?: string;
  /**
   * arguments of the tool's own, for what `hangar mcp` does with the verb's answer
   * (mcp/tool-answers.ts), not sent to the server
   */
  readonly own?: { readonly [field: string]: FieldSpec };
}

/** A tool of verb V: its fixed arguments and its caller argument are arguments of V. */
function tool<V extends Verb>(spec: ToolSpec<V> & { caller?: keyof Args<V> & string }): ToolSpec<V> {
  return spec;
}

export const MCP_TOOLS = {
  list: tool({
    verb: 'status',
    summary: "every agent of this fleet (and service) with its status and needs_attention (it waits on you: idle, asking, stalled, exited or crashed)",
  }),
  peek: tool({ verb: 'peek', summary: "an agent's status and the last lines of its screen" }),
  converse: tool({
    verb: 'send',
    fixed: { wait: true },
    summary: "send a message to an agent and wait for its turn to end; returns its reply, the turn's tokens and cost, and its status (needs-input: it asks something)",
  }),
  delegate: tool({
    verb: 'add',
    caller: 'parent',
    summary: 'start a new worker agent with a task (its kickoff prompt); it appears as a pane a person can watch, marked as your worker. Returns at once, or with wait its first reply',
  }),
  wait: tool({ verb: 'wait', summary: 'wait until an agent shows a status (idle, needs-input, …) or the timeout passes' }),
  check: tool({
    verb: 'check',
    summary: "a worker's state in full before deciding on it: status, needs_attention, its last reply, tokens, cost, runtime and the files it changed since it started",
  }),
  transcript: tool({
    verb: 'transcript',
    summary: "a worker's conversation as normalised records (prompts, replies, each tool call and its result cut short, tokens per turn) to verify its work; its last turn unless told",
    own: {
      last: { type: 'integer', min: 1, max: 1000, description: 'the last N turns (default 1)' },
      turn: { type: 'integer', min: 1, description: 'only turn n (T1 is the first prompt); instead of last' },
    },
  }),
  end: tool({
    verb: 'end',
    summary: 'end a worker with a verdict (completed or failed) and a reason once you verified its work: it is stopped and the verdict recorded; delete also takes it out of the fleet',
  }),
  ask_human: tool({
    verb: 'ask',
    caller: 'name',
    summary: 'ask the person watching the fleet a question and wait for the answer (sparingly: decide yourself where you can); null after the timeout',
  }),
  keys: tool({ verb: 'keys', summary: 'press keys in an agent (Enter, Escape, C-c, Up, …): answer a menu, interrupt a turn' }),
} as const satisfies Record<string, ToolSpec>;

export type ToolName = keyof typeof MCP_TOOLS;

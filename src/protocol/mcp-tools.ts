/**
 * The fleet's MCP tools (`hangar mcp`, issue 15): each is a verb of the request table, under
 * the name an orchestrator agent calls it by, with arguments the tool fixes (not shown to the
 * caller). Its input schema and its errors come from the verb (requests.ts): a new verb or
 * argument reaches the tools with no code of their own. zwarm's names where they mean the same.
 */
import type { Args, Verb } from './requests.js';

export interface ToolSpec<V extends Verb = Verb> {
  readonly verb: V;
  /** one line for the model: what the tool is for (the verb's summary says what it does) */
  readonly summary: string;
  /** arguments set by the tool, left out of its schema */
  readonly fixed?: Partial<Args<V>>;
  /**
   * The argument that names the agent calling (the `hangar mcp` process's HANGAR_AGENT, set when
   * hangar started that agent's CLI), left out of the schema and set by the server, never the model.
   */
  readonly caller?: string;
}

/** A tool of verb V; its caller, if any, is one of V's arguments. */
function tool<V extends Verb>(spec: ToolSpec<V> & { caller?: keyof Args<V> & string }): ToolSpec<V> {
  return spec;
}

export const MCP_TOOLS = {
  list: tool({ verb: 'status', summary: "every agent of this fleet (and service) with its status: who is working, idle, waiting for input or limited" }),
  peek: tool({ verb: 'peek', summary: "an agent's status and the last lines of its screen" }),
  converse: tool({
    verb: 'send',
    fixed: { wait: true },
    summary: "send a message to an agent and wait for its turn to end; returns its reply and its status (needs-input: it asks something)",
  }),
  delegate: tool({ verb: 'add', caller: 'parent', summary: 'start a new worker agent with a task (its kickoff prompt); it appears as a pane a person can watch, marked as your worker' }),
  wait: tool({ verb: 'wait', summary: 'wait until an agent shows a status (idle, needs-input, …) or the timeout passes' }),
  keys: tool({ verb: 'keys', summary: 'press keys in an agent (Enter, Escape, C-c, Up, …): answer a menu, interrupt a turn' }),
} as const satisfies Record<string, ToolSpec>;

export type ToolName = keyof typeof MCP_TOOLS;

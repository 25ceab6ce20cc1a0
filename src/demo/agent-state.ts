import type { Conversation, ForkOrigin, ToolStep, Turn, TurnTool } from './conversation-store.js';
import type { Key } from './input-decoder.js';
import { isImmediate, parsePromptCommand, type PromptCommand } from './prompt-command.js';
import { continuedScript, parsePromptScript } from './prompt-script.js';
import { formatResetTime } from './reset-time.js';

/** One block of the conversation as shown on screen. */
export type Entry = { kind: 'info' | 'prompt' | 'reply'; text: string };

export type Mode =
  | { kind: 'idle' }
  /** Working on a prompt; the reply comes when the think time is over (a `think-done` event). */
  | { kind: 'thinking'; prompt: string; command: PromptCommand; startedAt: number }
  /** Showing a yes/no question; only y or n moves on. */
  | { kind: 'asking'; prompt: string; question: string }
  /** /hang: alive, deaf and silent. */
  | { kind: 'hung' };

/** Everything the demo agent shows and decides on. Never mutated: each event makes a new one. */
export interface AgentState {
  sessionId: string;
  model: string;
  /** The prompt of each turn the conversation holds, in order (what /history lists). */
  turnPrompts: readonly string[];
  forkedFrom: ForkOrigin | undefined;
  entries: readonly Entry[];
  /** Text in the input box; may hold newlines from a paste. */
  input: string;
  mode: Mode;
  /** Epoch ms until which prompts are refused (the usage-limit banner is up). */
  limitedUntil: number | undefined;
  /** script lines after a `/next-turn`: they run on the next prompt that is not a command itself */
  laterSteps: readonly string[];
}

export type AgentEvent =
  | Key
  /** Submit a prompt without typing it (the kickoff argument). */
  | { type: 'submit'; prompt: string }
  /** The think time is over (or the tool call answered); `reply` is the answer the edge computed (file commands and tool calls are effects: `tool` is the one that ran). */
  | { type: 'think-done'; reply: string; tool?: TurnTool; steps?: ToolStep[] }
  /** A step of a scripted turn ran: `text` shows it and its result. */
  | { type: 'step-done'; text: string }
  | { type: 'limit-reset' };

export type Effect = { kind: 'record-turn'; turn: Turn } | { kind: 'exit'; code: number; message?: string };

export interface Step {
  state: AgentState;
  effects: Effect[];
}

/** The screen of a new or resumed session: `session: <id>` first, where a fork came from, then earlier turns. */
export function initialAgentState(conversation: Conversation): AgentState {
  const entries: Entry[] = [{ kind: 'info', text: `session: ${conversation.id}` }];
  const { forkedFrom } = conversation;
  if (forkedFrom !== undefined) entries.push({ kind: 'info', text: `(forked from ${forkedFrom.id} at turn ${forkedFrom.turn})` });
  for (const turn of conversation.turns) {
    entries.push({ kind: 'prompt', text: turn.prompt }, { kind: 'reply', text: turn.reply });
  }
  return {
    sessionId: conversation.id,
    model: conversation.model,
    turnPrompts: conversation.turns.map((turn) => turn.prompt),
    forkedFrom,
    entries,
    input: '',
    mode: { kind: 'idle' },
    limitedUntil: undefined,
    laterSteps: [],
  };
}

/**
 * The answer to /history: the conversation's turns numbered from 1, one line each (a
 * multi-line prompt shows its first line and …), so a person or a test sees exactly what a
 * resume or fork kept.
 */
export function historyText(state: AgentState): string {
  const count = state.turnPrompts.length;
  const origin = state.forkedFrom === undefined ? '' : ` (forked from ${state.forkedFrom.id} at turn ${state.forkedFrom.turn})`;
  const head = `conversation ${state.sessionId}: ${count === 0 ? 'no turns' : count === 1 ? '1 turn' : `${count} turns`}${origin}`;
  const lines = state.turnPrompts.map((prompt, index) => {
    const [first = '', ...more] = prompt.split('\n');
    return `${index + 1}. ${first}${more.length > 0 ? ' …' : ''}`;
  });
  return [head, ...lines].join('\n');
}

/** The reply to a prompt that is not a command. */
export function quoteReply(prompt: string): string {
  return `You said: "${prompt}"`;
}

export function isLimited(state: AgentState, now: number): boolean {
  return state.limitedUntil !== undefined && now < state.limitedUntil;
}

/** Decide what one event does. Pure: time comes in as `now`, effects go out as data. */
export function stepAgent(state: AgentState, event: AgentEvent, now: number): Step {
  const same: Step = { state, effects: [] };
  if (state.mode.kind === 'hung') return same;
  const withInput = (input: string): Step => (input === state.input ? same : { state: { ...state, input }, effects: [] });

  switch (event.type) {
    case 'ctrl-d':
      return { state, effects: [{ kind: 'exit', code: 0 }] };
    case 'ctrl-c':
      return state.input === '' ? { state, effects: [{ kind: 'exit', code: 0 }] } : withInput('');
    case 'think-done':
      return state.mode.kind === 'thinking' ? finishTurn(state, state.mode.prompt, event.reply, now, event.tool, event.steps) : same;
    case 'step-done':
      return state.mode.kind === 'thinking' ? { state: { ...state, entries: [...state.entries, { kind: 'reply', text: event.text }] }, effects: [] } : same;
    case 'limit-reset':
      return state.limitedUntil !== undefined && !isLimited(state, now) ? { state: { ...state, limitedUntil: undefined }, effects: [] } : same;
    case 'submit':
      return state.mode.kind === 'idle' ? submit(state, event.prompt, now) : same;
  }

  if (state.mode.kind === 'asking') return answerQuestion(state, state.mode, event, now);

  switch (event.type) {
    case 'text':
    case 'paste':
      return withInput(state.input + event.text);
    case 'backspace':
      return withInput(Array.from(state.input).slice(0, -1).join(''));
    case 'ctrl-u':
      return withInput('');
    case 'escape':
      return state.mode.kind === 'thinking' ? finishTurn(state, state.mode.prompt, 'Interrupted.', now) : same;
    case 'enter':
      // A busy agent keeps what is typed but does not take it until the turn is over.
      if (state.mode.kind !== 'idle' || state.input.trim() === '') return same;
      return submit({ ...state, input: '' }, state.input, now);
  }
}

function submit(state: AgentState, prompt: string, now: number): Step {
  const { command, laterSteps } = commandOf(state, prompt);
  const asked: AgentState = { ...state, laterSteps, entries: [...state.entries, { kind: 'prompt', text: prompt }] };
  // Local, like a CLI's own slash commands: works while limited and is no turn of the conversation.
  if (command.kind === 'history') return { state: { ...asked, entries: [...asked.entries, { kind: 'reply', text: historyText(state) }] }, effects: [] };
  if (isLimited(state, now)) {
    return finishTurn(asked, prompt, `Cannot answer now: usage limit resets ${formatResetTime(new Date(state.limitedUntil!))}.`, now);
  }
  if (!isImmediate(command)) {
    return { state: { ...asked, mode: { kind: 'thinking', prompt, command, startedAt: now } }, effects: [] };
  }
  switch (command.kind) {
    case 'crash':
      return { state: asked, effects: [{ kind: 'exit', code: command.code, message: `hangar-demo: crashed on purpose (exit ${command.code})` }] };
    case 'hang':
      return { state: { ...asked, mode: { kind: 'hung' } }, effects: [] };
    case 'limit': {
      const limitedUntil = now + command.seconds * 1000;
      return finishTurn({ ...asked, limitedUntil }, prompt, `Pretending to be out of quota for ${command.seconds}s.`, now);
    }
    case 'wait':
      return finishTurn(asked, prompt, `WAITING-UNTIL: ${new Date(now + command.seconds * 1000).toISOString()}`, now);
    case 'ask':
      return { state: { ...asked, mode: { kind: 'asking', prompt, question: command.question } }, effects: [] };
    case 'invalid':
      return finishTurn(asked, prompt, command.message, now);
    default:
      // isImmediate() let through a command kind this switch does not know: answer instead of hanging.
      return finishTurn(asked, prompt, `Cannot do ${command.kind} now.`, now);
  }
}

/**
 * What a prompt asks: a script (prompt-script.ts), the rest of one a `/next-turn` kept (on a
 * prompt that is no command of its own), or one command. A new script's later steps replace
 * the kept ones.
 */
function commandOf(state: AgentState, prompt: string): { command: PromptCommand; laterSteps: readonly string[] } {
  const script = parsePromptScript(prompt);
  if (script) return { command: { kind: 'script', script }, laterSteps: script.later };
  const command = parsePromptCommand(prompt);
  if (command.kind === 'say' && state.laterSteps.length > 0) {
    const rest = continuedScript(state.laterSteps, prompt);
    return { command: { kind: 'script', script: rest }, laterSteps: rest.later };
  }
  return { command, laterSteps: state.laterSteps };
}

function answerQuestion(state: AgentState, mode: Extract<Mode, { kind: 'asking' }>, event: AgentEvent, now: number): Step {
  if (event.type !== 'text') return { state, effects: [] };
  // Keys typed quickly arrive together: the first y or n among them is the answer.
  const answer = /[yn]/i.exec(event.text)?.[0]?.toLowerCase();
  if (answer === undefined) return { state, effects: [] };
  const word = answer === 'y' ? 'yes' : 'no';
  return finishTurn(state, mode.prompt, `You answered ${word} to: ${mode.question}`, now);
}

function finishTurn(state: AgentState, prompt: string, reply: string, now: number, tool?: TurnTool, steps?: ToolStep[]): Step {
  return {
    state: { ...state, mode: { kind: 'idle' }, entries: [...state.entries, { kind: 'reply', text: reply }], turnPrompts: [...state.turnPrompts, prompt] },
    effects: [{ kind: 'record-turn', turn: { prompt, reply, at: new Date(now).toISOString(), ...(tool ? { tool } : {}), ...(steps && steps.length > 0 ? { steps } : {}) } }],
  };
}

import { initialAgentState, quoteReply, stepAgent, type AgentEvent, type AgentState, type Effect } from './agent-state.js';
import type { CancelTimer, Clock } from './clock.js';
import type { Conversation } from './conversation-store.js';
import type { DemoTerminal } from './demo-terminal.js';
import { decodeInput, flushDecoder, initialDecoderState, needsFlush, type DecoderState, type Key } from './input-decoder.js';
import type { PromptCommand } from './prompt-command.js';
import { renderScreen, SPINNER_FRAME_MS } from './render.js';
import { ENTER_SCREEN, frameToAnsi, LEAVE_SCREEN } from './terminal-codes.js';
import type { ToolStep, TurnTool } from './conversation-store.js';
import type { PromptScript, ScriptStep } from './prompt-script.js';
import type { ToolCaller } from './tool-call.js';
import { runFileCommand } from './workspace-files.js';

/** How long a lone ESC may wait for the rest of an escape sequence before it counts as the Escape key. */
export const ESCAPE_WAIT_MS = 30;

export interface DemoAppOptions {
  terminal: DemoTerminal;
  clock: Clock;
  /** Where write/append/rm act. */
  cwd: string;
  thinkMs: number;
  /** the MCP servers of --mcp-config, for `/tool`; none: /tool says there are none */
  tools?: ToolCaller;
  /**
   * Persist the conversation (called on start and after every turn, before the turn's reply is
   * drawn, so a watcher of the saved files never learns of a turn's end later than the screen shows it).
   */
  save(conversation: Conversation): void;
  /** The app has released its terminal and timers; the process should end with `code`. */
  onExit(code: number, message?: string): void;
  /**
   * A turn ended (its records saved): the hook channel's answer — an instruction to go on
   * with, submitted as the next prompt — or null.
   */
  turnEnded?(conversation: Conversation): Promise<string | null>;
}

type TimerName = 'think' | 'spinner' | 'limit' | 'escape';

/**
 * The demo agent's event loop: keys and timers in, {@link stepAgent} decides, this performs the effects
 * (files, state file, drawing, exit). Every timer it starts is tracked in `timers` and released in dispose().
 */
export class DemoApp {
  private state: AgentState;
  private conversation: Conversation;
  private decoder: DecoderState = initialDecoderState;
  private readonly timers = new Map<TimerName, CancelTimer>();
  /** The thinking mode / limit that the running think / limit timer was started for. */
  private thinkTimerFor: AgentState['mode'] | undefined;
  private limitTimerFor: number | undefined;
  private readonly releases: Array<() => void> = [];
  private disposed = false;

  constructor(conversation: Conversation, private readonly options: DemoAppOptions) {
    this.conversation = conversation;
    this.state = initialAgentState(conversation);
  }

  /** What the agent currently shows and decides on (for tests and the entry point). */
  get current(): AgentState {
    return this.state;
  }

  start(kickoff?: string): void {
    const { terminal } = this.options;
    // Raw mode before the first frame: whoever sees the screen may type at once, and in
    // cooked mode the tty itself would eat keys like Ctrl-D.
    this.releases.push(terminal.onInput((chunk) => this.onInput(chunk)));
    this.releases.push(
      terminal.onResize(() => {
        if (this.state.mode.kind !== 'hung') this.draw(true);
      }),
    );
    terminal.write(ENTER_SCREEN);
    this.persist();
    this.draw();
    if (kickoff !== undefined && kickoff.trim() !== '') this.dispatch({ type: 'submit', prompt: kickoff });
  }

  /** Stop every timer and listener and give the terminal back. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    for (const release of this.releases.splice(0)) release();
    this.options.terminal.write(LEAVE_SCREEN);
  }

  private onInput(chunk: string): void {
    this.cancelTimer('escape');
    const decoded = decodeInput(this.decoder, chunk);
    this.decoder = decoded.state;
    this.dispatchKeys(decoded.keys);
    if (!this.disposed && needsFlush(this.decoder)) {
      this.startTimer('escape', ESCAPE_WAIT_MS, () => {
        const flushed = flushDecoder(this.decoder);
        this.decoder = flushed.state;
        this.dispatchKeys(flushed.keys);
      });
    }
  }

  private dispatchKeys(keys: Key[]): void {
    for (const key of keys) {
      if (this.disposed) return;
      this.dispatch(key);
    }
  }

  private dispatch(event: AgentEvent): void {
    if (this.disposed) return;
    const before = this.state;
    const step = stepAgent(before, event, this.options.clock.now());
    this.state = step.state;
    for (const effect of step.effects) {
      this.perform(effect);
      if (this.disposed) return;
    }
    this.reconcileTimers();
    if (this.state !== before) this.draw();
  }

  private perform(effect: Effect): void {
    switch (effect.kind) {
      case 'record-turn': {
        this.conversation = { ...this.conversation, turns: [...this.conversation.turns, effect.turn] };
        this.persist();
        const hooks = this.options.turnEnded?.(this.conversation);
        void hooks?.then((next) => {
          if (next !== null && !this.disposed) this.dispatch({ type: 'submit', prompt: next });
        });
        return;
      }
      case 'exit':
        this.dispose();
        this.options.onExit(effect.code, effect.message);
        return;
    }
  }

  private persist(): void {
    try {
      this.options.save(this.conversation);
    } catch (err) {
      // A full disk should not take the agent down; say so where the person is looking.
      const text = `(could not save the conversation: ${(err as Error).message})`;
      this.state = { ...this.state, entries: [...this.state.entries, { kind: 'info', text }] };
    }
  }

  /** Make the running timers match the state: a think and spinner timer while thinking, a limit timer while limited. */
  private reconcileTimers(): void {
    const { mode, limitedUntil } = this.state;
    if (mode.kind === 'hung') {
      for (const name of [...this.timers.keys()]) this.cancelTimer(name);
      return;
    }

    if (mode !== this.thinkTimerFor) {
      this.cancelTimer('think');
      this.cancelTimer('spinner');
      this.thinkTimerFor = undefined;
      if (mode.kind === 'thinking') {
        this.thinkTimerFor = mode;
        if (mode.command.kind === 'tool') this.callTool(mode, mode.command);
        else if (mode.command.kind === 'script') void this.runScript(mode, mode.command.script);
        else this.startTimer('think', this.options.thinkMs, () => this.dispatch({ type: 'think-done', ...this.replyFor(mode.command, mode.prompt) }));
        this.startSpinner();
      }
    }

    if (limitedUntil !== this.limitTimerFor || (limitedUntil !== undefined && !this.timers.has('limit'))) {
      this.cancelTimer('limit');
      this.limitTimerFor = limitedUntil;
      if (limitedUntil !== undefined) {
        const wait = Math.max(0, limitedUntil - this.options.clock.now());
        // If the timer fires a hair early, dispatch leaves the limit up and this method schedules the rest.
        this.startTimer('limit', wait, () => this.dispatch({ type: 'limit-reset' }));
      }
    }
  }

  private startSpinner(): void {
    this.startTimer('spinner', SPINNER_FRAME_MS, () => {
      this.draw();
      this.startSpinner();
    });
  }

  /**
   * `/tool`: the turn lasts as long as the call (no think time); its result is the reply. An
   * answer that comes after the turn was interrupted (Esc) is dropped.
   */
  private callTool(mode: AgentState['mode'], command: Extract<PromptCommand, { kind: 'tool' }>): void {
    const tools = this.options.tools;
    const outcome = tools
      ? tools.call(command.name, command.args)
      : Promise.resolve({ server: 'none', text: 'no MCP servers: start hangar-demo with --mcp-config', isError: true });
    void outcome.then((result) => {
      if (this.disposed || this.thinkTimerFor !== mode) return;
      const tool: TurnTool = { kind: 'mcp', server: result.server, name: command.name, input: command.args, isError: result.isError };
      this.dispatch({ type: 'think-done', reply: result.text, ...(tools ? { tool } : {}) });
    });
  }

  /**
   * A scripted turn: each step after the think time (so a person can follow it), shown with its
   * result as it runs; a failing step shows its error and the script goes on. The turn ends with
   * every step recorded. Stops quietly once the turn is over (Esc) or the app is disposed.
   */
  private async runScript(mode: AgentState['mode'], script: PromptScript): Promise<void> {
    const live = () => !this.disposed && this.thinkTimerFor === mode;
    const ran: ToolStep[] = [];
    let failed = 0;
    for (const step of script.steps) {
      await new Promise<void>((resolve) => this.startTimer('think', this.options.thinkMs, resolve));
      if (!live()) return;
      const outcome = await this.runStep(step);
      if (!live()) return;
      if (outcome.tool) ran.push({ tool: outcome.tool, result: outcome.result });
      if (outcome.failed) failed += 1;
      this.dispatch({ type: 'step-done', text: stepText(step, outcome.result) });
    }
    await new Promise<void>((resolve) => this.startTimer('think', this.options.thinkMs, resolve));
    if (!live()) return;
    this.dispatch({ type: 'think-done', reply: scriptReply(script, failed), steps: ran });
  }

  private async runStep(step: ScriptStep): Promise<{ result: string; failed: boolean; tool?: TurnTool }> {
    switch (step.kind) {
      case 'invalid':
        return { result: step.message, failed: true };
      case 'tool': {
        const tools = this.options.tools;
        if (!tools) return { result: 'no MCP servers: start hangar-demo with --mcp-config', failed: true };
        const outcome = await tools.call(step.name, step.args);
        return { result: outcome.text, failed: outcome.isError, tool: { kind: 'mcp', server: outcome.server, name: step.name, input: step.args, isError: outcome.isError } };
      }
      default: {
        const result = runFileCommand(this.options.cwd, step);
        return { result, failed: result.startsWith('Error:'), tool: step };
      }
    }
  }

  /** The answer to a prompt that took think time; file commands happen here, at the edge. */
  private replyFor(command: PromptCommand, prompt: string): { reply: string; tool?: TurnTool } {
    switch (command.kind) {
      case 'write':
      case 'append':
      case 'rm':
        return { reply: runFileCommand(this.options.cwd, command), tool: command };
      default:
        return { reply: quoteReply(prompt) };
    }
  }

  private startTimer(name: TimerName, ms: number, callback: () => void): void {
    this.cancelTimer(name);
    const cancel = this.options.clock.schedule(() => {
      this.timers.delete(name);
      callback();
    }, ms);
    this.timers.set(name, cancel);
  }

  private cancelTimer(name: TimerName): void {
    this.timers.get(name)?.();
    this.timers.delete(name);
  }

  /** Paint the whole screen. Once hung, nothing calls this: the frame that echoed /hang is the last one. */
  private draw(clearFirst = false): void {
    if (this.disposed) return;
    const size = this.options.terminal.size();
    const frame = renderScreen(this.state, size, this.options.clock.now());
    this.options.terminal.write(frameToAnsi(frame, size.columns, clearFirst));
  }
}

/** How much of a step's result the screen shows (a tool's JSON can be long; the session file keeps it whole). */
const STEP_RESULT_CHARS = 160;

/** A step as the screen shows it: the call, then `⎿` and the head of its result (JSON on one line). */
function stepText(step: ScriptStep, result: string): string {
  const call = step.kind === 'tool' ? `${step.name} ${JSON.stringify(step.args)}` : step.kind === 'invalid' ? '(not run)' : `${step.kind} ${step.path}`;
  const shown = Array.from(oneLineJson(result));
  const head = shown.length > STEP_RESULT_CHARS ? `${shown.slice(0, STEP_RESULT_CHARS).join('')}…` : shown.join('');
  // a no-break space: a long result without spaces wraps at the pane's edge, not before its first character
  return `${call}\n⎿\u00a0${head}`;
}

function oneLineJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** The closing reply of a scripted turn: the prose echoed as any prompt is, then what ran. */
function scriptReply(script: PromptScript, failed: number): string {
  const count = script.steps.length;
  const summary = `Ran ${count} step${count === 1 ? '' : 's'}${failed > 0 ? ` (${failed} failed)` : ''}.${script.later.length > 0 ? ' The rest of the script runs next turn.' : ''}`;
  return script.prose === '' ? summary : `${quoteReply(script.prose)}\n${summary}`;
}

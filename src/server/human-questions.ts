/**
 * Questions agents ask a person (`ask`, the MCP tool `ask_human`), at most one per agent at a
 * time. While one stands, the agent shows needs-input with the question (Fleet.markAsking) and
 * an `ask` event is recorded; it is answered by the first of:
 * - `hangar send AGENT "answer"` (or the send of any client: the cockpit's palette): the
 *   text is the answer and is not typed into the agent's CLI;
 * - a line typed into the agent's pane and ended with Enter (answer-line.ts): those keys do
 *   not reach the CLI either.
 * Either way the question is withdrawn and an `answer` event recorded. A timeout, or the
 * asking client gone, withdraws it with no answer.
 */
import type { Clock } from '../base/clock.js';
import { timer } from '../base/timer.js';
import type { Fleet } from '../fleet/fleet.js';
import { FleetError } from '../fleet/fleet-error.js';
import { typeIntoAnswer } from './answer-line.js';

interface Pending {
  question: string;
  /** what was typed into the pane so far */
  line: string;
  settle(answer: string | null): void;
}

/** An event's excerpt of a question or an answer: its first line, cut. */
function excerpt(text: string): string {
  const first = text.split('\n')[0]!;
  return first.length > 200 || text.includes('\n') ? `${first.slice(0, 200)}…` : first;
}

export class HumanQuestions {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly fleet: Pick<Fleet, 'markAsking' | 'orchestrationEvent' | 'isRunning' | 'info'>,
    private readonly clock: Clock,
  ) {}

  /** Ask on behalf of `name`; resolves with the answer, or null after `timeoutMs` or once `signal` aborts. */
  ask(name: string, question: string, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
    this.fleet.info(name); // not_found first
    if (!this.fleet.isRunning(name)) throw new FleetError('conflict', `"${name}" is not running: only a running agent can ask`);
    const standing = this.pending.get(name);
    if (standing) throw new FleetError('conflict', `${name} already asks: ${excerpt(standing.question)} (one question at a time)`);
    return new Promise((resolve) => {
      const settle = (answer: string | null) => {
        if (this.pending.get(name) !== entry) return;
        this.pending.delete(name);
        timeout.dispose();
        signal?.removeEventListener('abort', gone);
        this.fleet.markAsking(name, null);
        if (answer === null) this.fleet.orchestrationEvent('answer', name, 'warn', `${name}'s question got no answer`);
        else this.fleet.orchestrationEvent('answer', name, 'info', `${name} was answered: ${excerpt(answer)}`);
        resolve(answer);
      };
      const entry: Pending = { question, line: '', settle };
      const gone = () => settle(null);
      const timeout = timer(this.clock, timeoutMs, () => settle(null));
      this.pending.set(name, entry);
      this.fleet.markAsking(name, question);
      this.fleet.orchestrationEvent('ask', name, 'info', `${name} asks: ${excerpt(question)}`);
      if (signal?.aborted) return settle(null);
      signal?.addEventListener('abort', gone, { once: true });
    });
  }

  /** The question `name` asks now, if any. */
  question(name: string): string | undefined {
    return this.pending.get(name)?.question;
  }

  /** `text` answers the question `name` asks; false when it asks none (the text is then a message as usual). */
  answer(name: string, text: string): boolean {
    const entry = this.pending.get(name);
    if (!entry) return false;
    entry.settle(text);
    return true;
  }

  /** Keys typed into `name`'s pane: taken for the answer while it asks (true), else left for its CLI (false). */
  input(name: string, keys: string): boolean {
    const entry = this.pending.get(name);
    if (!entry) return false;
    const step = typeIntoAnswer(entry.line, keys);
    entry.line = step.line;
    if (step.answer !== null) entry.settle(step.answer);
    return true;
  }

  /** Give up every question (the server stops). */
  dispose(): void {
    for (const entry of [...this.pending.values()]) entry.settle(null);
  }
}

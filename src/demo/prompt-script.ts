import { parsePromptCommand, type PromptCommand } from './prompt-command.js';

/**
 * The demo's scripted turns — its own convention, so an orchestrator can be watched without a
 * model: in a prompt of several lines, each line that starts with a tool command (`/tool `,
 * `write `, `append `, `rm `) is a step, run in order as one turn (each step recorded as a tool
 * call); the other lines are prose, echoed as any prompt is. A line `/next-turn` ends the turn
 * there: the steps after it wait for the next prompt the agent gets (a nudge, a person's line)
 * and run as that turn, as a model would carry its plan on.
 */

/** A step of a script: a tool call, a file command, or a malformed command line (its message is its result). */
export type ScriptStep = Extract<PromptCommand, { kind: 'tool' | 'write' | 'append' | 'rm' | 'invalid' }>;

export interface PromptScript {
  /** the steps of this turn, in order */
  steps: ScriptStep[];
  /** the steps after a `/next-turn` line (with any further `/next-turn` lines kept): run on the next prompt */
  later: string[];
  /** the lines that are not commands */
  prose: string;
}

const STEP_WORDS = new Set(['/tool', 'write', 'append', 'rm']);
const NEXT_TURN = '/next-turn';

function isStepLine(line: string): boolean {
  const word = line.trim().split(/\s+/)[0] ?? '';
  return STEP_WORDS.has(word) || line.trim() === NEXT_TURN;
}

/**
 * The script a prompt holds, or null when it stays one command: a prompt of one line, or with no
 * command line after its first — `append STATUS.md ## DONE` followed by more lines appends all of
 * them (the text of a write or append runs to the prompt's end, as it always has).
 */
export function parsePromptScript(prompt: string): PromptScript | null {
  const lines = prompt.split(/\r?\n/);
  if (lines.length < 2 || !lines.slice(1).some(isStepLine)) return null;
  return scriptOf(lines);
}

/** The steps kept by a `/next-turn`, as the script of the turn that runs them. */
export function continuedScript(later: readonly string[], prompt: string): PromptScript {
  const script = scriptOf(later);
  return { ...script, prose: prompt };
}

function scriptOf(lines: readonly string[]): PromptScript {
  const steps: ScriptStep[] = [];
  const prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === NEXT_TURN) return { steps, later: lines.slice(i + 1).filter((l) => l.trim() !== ''), prose: prose.join('\n').trim() };
    if (!isStepLine(line)) {
      prose.push(line);
      continue;
    }
    const command = parsePromptCommand(line);
    steps.push(command as ScriptStep);
  }
  return { steps, later: [], prose: prose.join('\n').trim() };
}

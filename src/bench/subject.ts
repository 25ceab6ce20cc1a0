import type { OuterTerminal } from './outer-terminal.js';

export type SubjectName = 'hangar' | 'tmux' | 'raw';

/** The prompt every benchmark shell shows, so readiness can be read off the screen. */
const SHELL_PROMPT = 'bench$ ';
/** The shell in every pane: no rc files, so nothing but bash itself runs. */
export const SHELL_ARGV = ['bash', '--norc', '--noprofile'];

/** The processes that are the subject's own cost (not the programs in its panes). */
export interface CostProcesses {
  /** hangar: the cockpit; tmux: the attached client; raw: the shell itself. */
  client: number;
  /** hangar: the fleet server; tmux: the tmux server; raw: none. */
  server: number | undefined;
}

/** A running subject seen through the outer terminal: its panes, first one focused. */
export interface Workbench {
  readonly outer: OuterTerminal;
  readonly processes: CostProcesses;
  /** Type a command line and Enter into pane `index` (0 is the focused pane); focus stays put. */
  runInPane(index: number, command: string): Promise<void>;
  /**
   * Time one `status` round trip, ms, over a client connected once (so no process start is
   * counted: what the server takes to answer). Only hangar has one.
   */
  askStatus?(): Promise<number>;
  /** Each agent's status as the server reports it, in pane order. Only hangar has them. */
  agentStatuses?(): Promise<string[]>;
  /** Stop everything this workbench started (fleet, tmux server, ptys, temp dirs). */
  close(): Promise<void>;
}

export interface ShellOptions {
  panes: number;
  /** lines of history each pane keeps */
  scrollback: number;
}

/** How one subject (hangar, tmux, a raw pty) is started for each scenario. */
export interface Subject {
  readonly name: SubjectName;
  /** The most shell panes this subject can show (a raw pty has one). */
  readonly maxPanes: number;
  openShells(options: ShellOptions): Promise<Workbench>;
  /** `count` idle demo agents; undefined when the subject has no panes to hold them. */
  openDemoAgents?(count: number): Promise<Workbench>;
  /**
   * `count` panes each running `argv` (not a shell) with one more argument, the pane's own
   * name (p1, p2, …: hangar's session names end with it); ready once `ready` holds.
   */
  openPrograms?(argv: string[], count: number, ready: (outer: OuterTerminal) => boolean): Promise<Workbench>;
}

/** The environment of every benchmark shell and agent. */
export function benchEnv(xdgStateHome: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.TMUX;
  delete env.NODE_OPTIONS;
  return {
    ...env,
    TERM: 'xterm-256color',
    PS1: SHELL_PROMPT,
    HISTFILE: '/dev/null',
    XDG_STATE_HOME: xdgStateHome,
    DEMO_STATE_DIR: `${xdgStateHome}/demo`,
    ...extra,
  };
}

/** True when the screen shows at least `count` shell prompts and the cursor sits right after one. */
export function promptsReady(outer: OuterTerminal, count: number): boolean {
  const rows = outer.rows();
  let prompts = 0;
  for (const row of rows) prompts += row.split(SHELL_PROMPT.trim()).length - 1;
  const { row, col } = outer.cursor();
  const line = rows[row] ?? '';
  return prompts >= count && line.slice(0, col).trimEnd().endsWith(SHELL_PROMPT.trim());
}

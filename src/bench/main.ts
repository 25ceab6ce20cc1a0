import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HANGAR_NODE_FLAGS } from '../cli/node-flags.js';
import { realClock, type BenchClock } from './clock.js';
import { summarizeProfiles } from './cpu-profile.js';
import { KeyTraceRun } from './key-trace-run.js';
import type { Figures, SubjectFigures } from './figures.js';
import { describeMachine } from './machine.js';
import { median, summarizeLatencies } from './percentiles.js';
import { renderMeasuredSection, writePerformanceDoc } from './performance-doc.js';
import { buildRows, renderTable } from './report.js';
import { runCommand } from './run-command.js';
import { cliBreakdown, cliFigures, measureCliWallTime, renderCliBreakdown } from './scenarios/cli-wall-time.js';
import { measureEchoLatency, startBackgroundFloods } from './scenarios/echo-latency.js';
import { measureFixedMemory, measureNodeFloor } from './scenarios/fixed-memory.js';
import { measureFlood } from './scenarios/flood.js';
import { REDRAW_LOOP_ARGV, busyPanesShown, measureBusyFleet } from './scenarios/busy-fleet.js';
import { measureColourFlood, writeColourFlood } from './scenarios/colour-flood.js';
import { describeFrameCost, measureFrameCost } from './scenarios/frame-cost.js';
import { describeGitSnapshot, measureGitSnapshot } from './scenarios/git-snapshot.js';
import { HISTORY_LINES, measureHistoryMemory } from './scenarios/history-memory.js';
import { HOSTILE_COMMAND, RANDOM_BYTES_COMMAND, measureHostileNeighbour } from './scenarios/hostile-neighbour.js';
import { measureIdleCpu } from './scenarios/idle-cpu.js';
import type { Subject, SubjectName, Workbench } from './subject.js';
import { hangarSubject } from './subjects/hangar.js';
import { rawSubject } from './subjects/raw.js';
import { tmuxSubject } from './subjects/tmux.js';

const PERFORMANCE_DOC = fileURLToPath(new URL('../../docs/PERFORMANCE.md', import.meta.url));
const MB = 1024 * 1024;
/** runs of each command in `--scenario cli` (hyperfine's habit: the median of a fixed count) */
const CLI_RUNS = 20;

interface Settings {
  quick: boolean;
  /** write docs/PERFORMANCE.md (not with --profile or --only: those are not the figures of record) */
  writeDoc: boolean;
  profileDir: string | undefined;
  /** `--trace`: each key's time per hop (base/key-trace.ts), printed per echo run */
  trace: KeyTraceRun | undefined;
  /** `--only hangar,tmux`: measure just these subjects (for quick before/after comparisons) */
  only: Set<string> | null;
  /** `--scenario hostile`: run just (j), for a quick look at it (not the figures of record) */
  hostileOnly: boolean;
  /** `--scenario frame-cost` / `git-snapshot`: just that in-process figure, printed */
  inProcessOnly: InProcessScenario | undefined;
  /** `--scenario cli`: the wall time of `hangar status` against `tmux list-panes`, alone */
  cliOnly: boolean;
  /** `--scenario busy`: just (f), the busy fleet (not the figures of record) */
  busyOnly: boolean;
  /** `--scenario echo`: just (b)'s echo runs, each round in a fresh workbench with no flood before them */
  echoOnly: boolean;
  /** (f): how long the busy panes are measured, after a settle */
  busyWindowMs: number;
  /** (g): the file of coloured lines every subject cats (written once per run) */
  colourFloodFile: string;
  keys: number;
  /** rounds of (a)-(c) per subject, each in a fresh workbench */
  rounds: number;
  cpuWindowMs: number;
  /** start-up work of the fleet (agents drawing their first screens) finishes within this */
  cpuSettleMs: number;
  /** the cockpit's last frames after the fill are drawn within this */
  memorySettleMs: number;
  /** (j): the hostile pane runs this long before keys are typed (past a session's CPU burst) */
  hostileSettleMs: number;
  /** (i): one idle pane is read from settleMs to windowMs after it opens, every everyMs (to catch V8's memory reducer) */
  fixedMemory: { settleMs: number; windowMs: number; everyMs: number };
  /** `--scenario memory`: run just (i) */
  memoryOnly: boolean;
}

function parseSettings(argv: string[]): Settings {
  const quick = argv.includes('--quick');
  const profile = argv.includes('--profile');
  const only = onlySubjects(argv);
  const scenario = scenarioFlag(argv);
  const hostileOnly = scenario === 'hostile';
  const inProcessOnly = scenario === 'frame-cost' || scenario === 'git-snapshot' ? scenario : undefined;
  const cliOnly = scenario === 'cli';
  return {
    quick,
    // a profiled or partial run is a comparison aid, never the figures of record
    writeDoc: !profile && !argv.includes('--trace') && only === null && scenario === undefined && !argv.includes('--no-doc'),
    profileDir: profile ? mkdtempSync(join(tmpdir(), 'hangar-bench-prof-')) : undefined,
    trace: argv.includes('--trace') ? new KeyTraceRun(mkdtempSync(join(tmpdir(), 'hangar-bench-trace-'))) : undefined,
    only,
    hostileOnly,
    inProcessOnly,
    cliOnly,
    busyOnly: scenario === 'busy',
    echoOnly: scenario === 'echo',
    busyWindowMs: (numberFlag(argv, '--busy-seconds') ?? (quick ? 5 : 15)) * 1000,
    colourFloodFile: '', // made by main() when a run floods (the scenarios that do not, leave nothing behind)
    keys: quick ? 50 : 200,
    rounds: numberFlag(argv, '--rounds') ?? (quick ? 1 : 5),
    cpuWindowMs: quick ? 5_000 : 30_000,
    cpuSettleMs: quick ? 1_000 : 3_000,
    memorySettleMs: 1_000,
    hostileSettleMs: 4_000,
    fixedMemory: { settleMs: 10_000, windowMs: quick ? 30_000 : 60_000, everyMs: 2_000 },
    memoryOnly: scenario === 'memory',
  };
}

/** Figures measured inside this process, without subjects: printed, and noted in a full run. */
const IN_PROCESS = {
  'frame-cost': async (clock: BenchClock) => describeFrameCost(measureFrameCost(clock)),
  'git-snapshot': async (clock: BenchClock) => describeGitSnapshot(await measureGitSnapshot(clock)),
};
type InProcessScenario = keyof typeof IN_PROCESS;

function scenarioFlag(argv: string[]): 'hostile' | 'cli' | 'busy' | 'memory' | 'echo' | InProcessScenario | undefined {
  const at = argv.indexOf('--scenario');
  if (at < 0) return undefined;
  const name = argv[at + 1];
  if (name === 'hostile' || name === 'cli' || name === 'busy' || name === 'memory' || name === 'echo' || name === 'frame-cost' || name === 'git-snapshot') return name;
  throw new Error('--scenario takes one name: echo, hostile, cli, busy, memory, frame-cost or git-snapshot (the others run together)');
}

function numberFlag(argv: string[], name: string): number | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number of at least 1`);
  return value;
}

function onlySubjects(argv: string[]): Set<string> | null {
  const at = argv.indexOf('--only');
  if (at < 0) return null;
  const list = argv[at + 1];
  if (!list || list.startsWith('--')) throw new Error('--only needs a comma-separated list of subjects (hangar, tmux, raw)');
  return new Set(list.split(','));
}

/** Open a workbench, run `body` on it, and always close it; a failure becomes a note. */
async function withWorkbench(open: () => Promise<Workbench>, what: string, notes: string[], body: (bench: Workbench) => Promise<void>): Promise<void> {
  let bench: Workbench | undefined;
  try {
    bench = await open();
    await body(bench);
  } catch (err) {
    notes.push(`${what}: failed — ${(err as Error).message.split('\n')[0]}`);
    console.error(`${what}: ${(err as Error).stack ?? err}`);
  } finally {
    await bench?.close();
  }
}

/** What one round of (a)-(c) measured for one subject. */
interface ShellRound {
  floodMs: number;
  floodBytes: number;
  colourMs: number;
  colourBytes: number;
  echoIdle: number[];
  echoFlood: number[];
  /** the same with a 3-character marker per key */
  markerIdle: number[];
  markerFlood: number[];
}

/**
 * One round of (a)-(c) in a fresh workbench: echo with the other panes idle (the first keys of
 * a fresh fleet, as a person's are: issue 17), the flood (the first command's output), then
 * echo with 3 of the panes flooding. `--scenario echo` leaves the floods of (a) and (g) out.
 */
async function measureShellRound(subject: Subject, s: Settings, clock: BenchClock, notes: string[], round: number): Promise<ShellRound | undefined> {
  const panes = Math.min(4, subject.maxPanes);
  const log = (text: string) => console.log(`  ${subject.name} round ${round}: ${text}`);
  let result: ShellRound | undefined;
  await withWorkbench(() => subject.openShells({ panes, scrollback: HISTORY_LINES }), `${subject.name} (a)-(c) round ${round}`, notes, async (bench) => {
    const echoIdle = await traced(s, `${subject.name} round ${round}: echo idle`, () => measureEchoLatency(bench.outer, s.keys, 10_000));
    const idle = summarizeLatencies(echoIdle);
    log(`echo idle p50 ${idle.p50.toFixed(2)} ms p99 ${idle.p99.toFixed(2)} ms max ${idle.max.toFixed(2)} ms (${idle.samples} keys)`);
    const markerIdle = await traced(s, `${subject.name} round ${round}: 3-character echo idle`, () => measureEchoLatency(bench.outer, s.keys, 10_000, 3));
    const idle3 = summarizeLatencies(markerIdle);
    log(`3-character echo idle p50 ${idle3.p50.toFixed(2)} ms p99 ${idle3.p99.toFixed(2)} ms max ${idle3.max.toFixed(2)} ms (${idle3.samples} keys)`);
    const none = { ms: NaN, bytes: NaN };
    const flood = s.echoOnly ? none : await measureFlood(bench, clock, 120_000);
    if (!s.echoOnly) log(`flood ${flood.ms.toFixed(0)} ms, ${flood.bytes} bytes`);
    const colour = s.echoOnly ? none : await measureColourFlood(bench, clock, s.colourFloodFile, 120_000);
    if (!s.echoOnly) log(`coloured flood ${colour.ms.toFixed(0)} ms, ${colour.bytes} bytes`);
    let echoFlood: number[] = [];
    let markerFlood: number[] = [];
    if (panes >= 4) {
      await startBackgroundFloods(bench, 3, 256 * 1024, 30_000);
      echoFlood = await traced(s, `${subject.name} round ${round}: echo under flood`, () => measureEchoLatency(bench.outer, s.keys, 30_000));
      const busy = summarizeLatencies(echoFlood);
      log(`echo under flood p50 ${busy.p50.toFixed(2)} ms p99 ${busy.p99.toFixed(2)} ms max ${busy.max.toFixed(2)} ms (${busy.samples} keys)`);
      markerFlood = await traced(s, `${subject.name} round ${round}: 3-character echo under flood`, () => measureEchoLatency(bench.outer, s.keys, 30_000, 3));
      const busy3 = summarizeLatencies(markerFlood);
      log(`3-character echo under flood p50 ${busy3.p50.toFixed(2)} ms p99 ${busy3.p99.toFixed(2)} ms max ${busy3.max.toFixed(2)} ms (${busy3.samples} keys)`);
    }
    result = { floodMs: flood.ms, floodBytes: flood.bytes, colourMs: colour.ms, colourBytes: colour.bytes, echoIdle, echoFlood, markerIdle, markerFlood };
  });
  return result;
}

/** The figures of (a)-(c) over all rounds: the median flood and bytes, echo percentiles over every key of every round. */
function shellFigures(subject: Subject, rounds: ShellRound[], notes: string[]): SubjectFigures {
  if (rounds.length === 0) return {};
  const fig: SubjectFigures = {
    floodMs: median(rounds.map((r) => r.floodMs)),
    floodBytes: median(rounds.map((r) => r.floodBytes)),
    colourFloodMs: median(rounds.map((r) => r.colourMs)),
    colourFloodBytes: median(rounds.map((r) => r.colourBytes)),
    ...echoFigures(rounds),
  };
  const idle = summarizeLatencies(rounds.flatMap((r) => r.echoIdle));
  const flooding = rounds.flatMap((r) => r.echoFlood);
  const busy = flooding.length > 0 ? summarizeLatencies(flooding) : undefined;
  notes.push(
    `${subject.name} flood per round: ${rounds.map((r) => r.floodMs.toFixed(0)).join(', ')} ms (median ${fig.floodMs!.toFixed(0)}); ` +
      `echo: ${idle.samples} keys idle (max ${idle.max.toFixed(2)} ms)` +
      (busy ? `, ${busy.samples} keys under flood (max ${busy.max.toFixed(2)} ms)` : '') +
      `; coloured flood per round: ${rounds.map((r) => r.colourMs.toFixed(0)).join(', ')} ms (median ${fig.colourFloodMs!.toFixed(0)})`,
  );
  return fig;
}

/** (b)'s figures: echo percentiles over every key of every round. */
function echoFigures(rounds: ShellRound[]): SubjectFigures {
  if (rounds.length === 0) return {};
  const fig: SubjectFigures = {};
  const idle = summarizeLatencies(rounds.flatMap((r) => r.echoIdle));
  fig.echoIdleP50 = idle.p50;
  fig.echoIdleP99 = idle.p99;
  const flooding = rounds.flatMap((r) => r.echoFlood);
  if (flooding.length > 0) {
    const busy = summarizeLatencies(flooding);
    fig.echoFloodP50 = busy.p50;
    fig.echoFloodP99 = busy.p99;
  }
  const idle3 = summarizeLatencies(rounds.flatMap((r) => r.markerIdle));
  fig.markerIdleP50 = idle3.p50;
  fig.markerIdleP99 = idle3.p99;
  const flooding3 = rounds.flatMap((r) => r.markerFlood);
  if (flooding3.length > 0) fig.markerFloodP99 = summarizeLatencies(flooding3).p99;
  return fig;
}

/** (j)'s two hostile children, each beside the pane typed into, in a fresh workbench. */
const HOSTILE_KINDS = [
  { what: 'toggling the alt screen', command: HOSTILE_COMMAND, p50: 'echoHostileP50', p99: 'echoHostileP99', cpu: 'hostileServerCpuPercent', status: 'statusHostileMaxMs' },
  { what: 'printing random bytes', command: RANDOM_BYTES_COMMAND, p50: 'echoRandomP50', p99: 'echoRandomP99', cpu: 'randomServerCpuPercent', status: 'statusRandomMaxMs' },
] as const;

/** (j), once per subject that has two panes. */
async function measureHostileFigures(subject: Subject, s: Settings, clock: BenchClock, notes: string[]): Promise<SubjectFigures> {
  const fig: SubjectFigures = {};
  if (subject.maxPanes < 2) return fig;
  for (const kind of HOSTILE_KINDS) {
    await withWorkbench(() => subject.openShells({ panes: 2, scrollback: HISTORY_LINES }), `${subject.name} (j) ${kind.what}`, notes, async (bench) => {
      const hostile = await measureHostileNeighbour(bench, kind.command, s.keys, clock, s.hostileSettleMs, (run) => traced(s, `${subject.name} (j) echo beside a pane ${kind.what}`, run));
      const echo = summarizeLatencies(hostile.echo);
      fig[kind.p50] = echo.p50;
      fig[kind.p99] = echo.p99;
      fig[kind.cpu] = hostile.serverPercent;
      if (hostile.statusQuiet.length > 0) {
        fig.statusQuietMaxMs = Math.max(fig.statusQuietMaxMs ?? 0, ...hostile.statusQuiet);
        fig[kind.status] = Math.max(...hostile.statusHostile);
      }
      const line = `echo beside a pane ${kind.what}: p50 ${echo.p50.toFixed(2)} ms p99 ${echo.p99.toFixed(2)} ms max ${echo.max.toFixed(2)} ms (${echo.samples} keys); CPU meanwhile: server ${hostile.serverPercent.toFixed(0)} %, client ${hostile.clientPercent.toFixed(0)} %; drawn ${(hostile.outerBytesPerSecond / 1024).toFixed(0)} KiB/s`;
      console.log(`  ${subject.name}: ${line}`);
      notes.push(`${subject.name} (j) ${line}`);
    });
  }
  return fig;
}

/** (i): one idle shell pane's client and server; for hangar, node's own floor beside it. */
async function measureFixedMemoryFigures(subject: Subject, s: Settings, clock: BenchClock, notes: string[]): Promise<SubjectFigures> {
  const fig: SubjectFigures = {};
  if (subject.maxPanes < 2) return fig; // raw: no client or server of its own
  await withWorkbench(() => subject.openShells({ panes: 1, scrollback: HISTORY_LINES }), `${subject.name} (i)`, notes, async (bench) => {
    const { first, least: mem } = await measureFixedMemory(bench.processes, clock, s.fixedMemory);
    [fig.fixedClientMb, fig.fixedServerMb, fig.fixedBothMb] = [mem.clientPages / MB, mem.serverPages / MB, mem.bothPages / MB];
    fig.fixedRssSumMb = (mem.clientRss + mem.serverRss) / MB;
    const { settleMs, windowMs } = s.fixedMemory;
    const line =
      `fixed memory, 1 idle shell, least of ${settleMs / 1000}-${windowMs / 1000} s after it opened: VmRSS client ${(mem.clientRss / MB).toFixed(1)} MB, server ${(mem.serverRss / MB).toFixed(1)} MB; ` +
      `pages client ${fig.fixedClientMb.toFixed(1)} MB, server ${fig.fixedServerMb.toFixed(1)} MB, both (each page once) ${fig.fixedBothMb.toFixed(1)} MB; at ${settleMs / 1000} s: both ${(first.bothPages / MB).toFixed(1)} MB`;
    console.log(`  ${subject.name}: ${line}`);
    notes.push(`${subject.name} (i) ${line}`);
  });
  if (subject.name === 'hangar') {
    const floor = await measureNodeFloor(clock, 3_000);
    fig.nodeFloorMb = floor.twoPages / MB;
    notes.push(`node's floor (i): \`node ${HANGAR_NODE_FLAGS.join(' ')} -e 'setInterval(…)'\`: VmRSS ${(floor.oneRss / MB).toFixed(1)} MB each, two of them ${fig.nodeFloorMb.toFixed(1)} MB (each page once)`);
  }
  return fig;
}

/** (f), once per subject that runs programs in panes. */
async function measureBusyFigures(subject: Subject, s: Settings, clock: BenchClock, notes: string[]): Promise<SubjectFigures> {
  const fig: SubjectFigures = {};
  const openPrograms = subject.openPrograms?.bind(subject);
  if (!openPrograms) return fig;
  const panes = 8;
  await withWorkbench(() => openPrograms(REDRAW_LOOP_ARGV, panes, busyPanesShown(panes)), `${subject.name} (f)`, notes, async (bench) => {
    const busy = await measureBusyFleet(bench, clock, s.busyWindowMs, s.cpuSettleMs);
    fig.busyCpuPercent = busy.percent;
    fig.busyOuterBytes = (busy.outerBytesPerSecond * s.busyWindowMs) / 1000;
    if (busy.statusReads) fig.busyAllWorkingPercent = (100 * busy.statusReads.allWorking) / Math.max(1, busy.statusReads.total);
    const statuses = busy.statusReads ? `; status reads with all ${panes} working: ${busy.statusReads.allWorking} of ${busy.statusReads.total} (seen: ${busy.statusReads.seen.join(', ')})` : '';
    const line = `${panes} busy panes over ${(busy.windowMs / 1000).toFixed(1)} s: CPU client ${busy.clientPercent.toFixed(2)} %, server ${busy.serverPercent.toFixed(2)} %; drawn ${(busy.outerBytesPerSecond / 1024).toFixed(1)} KiB/s${statuses}`;
    console.log(`  ${subject.name}: ${line}`);
    notes.push(`${subject.name} (f) ${line}`);
  });
  return fig;
}

/** (d) and (e), once per subject. */
async function measureFleetFigures(subject: Subject, s: Settings, clock: BenchClock, notes: string[]): Promise<SubjectFigures> {
  const fig: SubjectFigures = {};
  const log = (text: string) => console.log(`  ${subject.name}: ${text}`);

  const openDemo = subject.openDemoAgents?.bind(subject);
  if (openDemo) {
    await withWorkbench(() => openDemo(8), `${subject.name} (d)`, notes, async (bench) => {
      const cpu = await measureIdleCpu(bench.processes, clock, s.cpuWindowMs, s.cpuSettleMs);
      fig.idleCpuPercent = cpu.percent;
      log(`idle CPU ${cpu.percent.toFixed(2)} % (client ${cpu.clientPercent.toFixed(2)}, server ${cpu.serverPercent.toFixed(2)}) over ${(cpu.windowMs / 1000).toFixed(1)} s`);
      notes.push(`${subject.name} idle CPU over ${(cpu.windowMs / 1000).toFixed(1)} s: client ${cpu.clientPercent.toFixed(2)} %, server ${cpu.serverPercent.toFixed(2)} %`);
    });
  }

  if (subject.maxPanes >= 8) {
    await withWorkbench(() => subject.openShells({ panes: 8, scrollback: HISTORY_LINES }), `${subject.name} (e)`, notes, async (bench) => {
      // hangar's cost is its cockpit and its server; tmux's, as the issue counts it, its server
      const counted = subject.name === 'tmux' ? 'server' : 'client+server';
      const mem = await measureHistoryMemory(bench, 8, clock, s.memorySettleMs, 60_000, counted);
      fig.mbPerAgent = mem.countedPages / MB / mem.agents;
      fig.rssMbPerAgent = mem.countedRss / MB / mem.agents;
      log(`VmRSS client ${(mem.clientBytes / MB).toFixed(1)} MB, server ${(mem.serverBytes / MB).toFixed(1)} MB; ${counted}, pages counted once: ${(mem.countedPages / MB).toFixed(1)} MB → ${fig.mbPerAgent.toFixed(2)} MB per agent (VmRSS summed ${fig.rssMbPerAgent.toFixed(2)})`);
      notes.push(`${subject.name} memory with 8 × ${HISTORY_LINES} lines: VmRSS client ${(mem.clientBytes / MB).toFixed(1)} MB, server ${(mem.serverBytes / MB).toFixed(1)} MB; counted (${counted}): ${(mem.countedPages / MB).toFixed(1)} MB of pages, each once (VmRSS summed: ${(mem.countedRss / MB).toFixed(1)} MB)`);
    });
  }
  return fig;
}

/** (h), once per full run after the rest: hangar status against tmux list-panes, and where a status goes. */
async function measureCliFigures(figures: Figures, clock: BenchClock, notes: string[]): Promise<void> {
  console.log(`(h) hangar status against tmux list-panes, ${CLI_RUNS} runs each…`);
  try {
    const breakdown = cliBreakdown(await measureCliWallTime(clock, CLI_RUNS));
    for (const [name, fig] of Object.entries(cliFigures(breakdown))) figures[name as SubjectName] = { ...figures[name as SubjectName], ...fig };
    for (const line of renderCliBreakdown(breakdown, CLI_RUNS)) notes.push(`(h) ${line}`);
  } catch (err) {
    notes.push(`(h): failed — ${(err as Error).message.split('\n')[0]}`);
  }
}

function printProfiles(settings: Settings): void {
  if (settings.profileDir) console.log(`\nCPU profiles (self time, top functions):\n${summarizeProfiles(settings.profileDir, 15)}`);
  if (settings.trace) console.log(`\nEach key's time per hop (--trace):\n${settings.trace.report().join('\n')}`);
}

/** An echo run, as a window of --trace when tracing. */
function traced<T>(s: Settings, label: string, run: () => Promise<T>): Promise<T> {
  return s.trace ? s.trace.window(label, run) : run();
}

async function main(argv: string[]): Promise<number> {
  const settings = parseSettings(argv);
  const clock = realClock;
  if (settings.inProcessOnly) {
    console.log(await IN_PROCESS[settings.inProcessOnly](clock));
    return 0;
  }
  const machine = await describeMachine();
  const notes: string[] = [];
  const all: Subject[] = [hangarSubject(settings.profileDir)];
  if ((await runCommand('tmux', ['-V'])).code === 0) all.push(tmuxSubject);
  else notes.push('tmux is not on PATH: its column is empty and no ratio is judged');
  all.push(rawSubject);
  const subjects = all.filter((s) => settings.only === null || settings.only.has(s.name));

  if (settings.cliOnly) {
    const runs = numberFlag(argv, '--runs') ?? CLI_RUNS;
    console.log(`hangar status against tmux list-panes, ${runs} runs each…`);
    const breakdown = cliBreakdown(await measureCliWallTime(clock, runs));
    console.log(`\n${renderTable(buildRows(cliFigures(breakdown)).filter((r) => r.id === 'h'))}\n`);
    for (const line of renderCliBreakdown(breakdown, runs)) console.log(`- ${line}`);
    return 0;
  }
  const started = clock.now();
  const figures: Figures = {};
  if (settings.busyOnly) {
    for (const subject of subjects) {
      console.log(`${subject.name} (f)…`);
      figures[subject.name] = await measureBusyFigures(subject, settings, clock, notes);
    }
    console.log(`\n${renderTable(buildRows(figures).filter((r) => r.id === 'f'))}\n`);
    for (const n of notes) console.log(`- ${n}`);
    printProfiles(settings);
    return 0;
  }
  if (settings.echoOnly) {
    const rounds = new Map<Subject, ShellRound[]>(subjects.map((subject) => [subject, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      for (const subject of subjects) {
        console.log(`${subject.name} (b), round ${round} of ${settings.rounds}…`);
        const measured = await measureShellRound(subject, settings, clock, notes, round);
        if (measured) rounds.get(subject)!.push(measured);
      }
    }
    for (const subject of subjects) figures[subject.name] = echoFigures(rounds.get(subject)!);
    console.log(`\n${renderTable(buildRows(figures).filter((r) => r.id === 'b'))}\n`);
    for (const n of notes) console.log(`- ${n}`);
    printProfiles(settings);
    return 0;
  }
  settings.colourFloodFile = join(mkdtempSync(join(tmpdir(), 'hangar-bench-colour-')), 'coloured.txt');
  process.on('exit', () => rmSync(dirname(settings.colourFloodFile), { recursive: true, force: true }));
  writeColourFlood(settings.colourFloodFile);
  if (settings.hostileOnly || settings.memoryOnly) {
    const [id, measure] = settings.hostileOnly ? ['j', measureHostileFigures] : ['i', measureFixedMemoryFigures];
    for (const subject of subjects) {
      console.log(`${subject.name} (${id})…`);
      figures[subject.name] = await measure(subject, settings, clock, notes);
    }
    const rows = buildRows(figures).filter((r) => r.id === id);
    console.log(`\n${renderTable(rows)}\n`);
    for (const n of notes) console.log(`- ${n}`);
    printProfiles(settings);
    return 0;
  }
  // rounds of (a)-(c) take turns between the subjects, so that a machine getting busier or
  // quieter during the run weighs on each of them alike
  const rounds = new Map<Subject, ShellRound[]>(subjects.map((subject) => [subject, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const subject of subjects) {
      console.log(`${subject.name} (a)-(c), round ${round} of ${settings.rounds}…`);
      const measured = await measureShellRound(subject, settings, clock, notes, round);
      if (measured) rounds.get(subject)!.push(measured);
    }
  }
  for (const subject of subjects) {
    console.log(`${subject.name} (d), (e)…`);
    figures[subject.name] = {
      ...shellFigures(subject, rounds.get(subject)!, notes),
      ...(await measureFleetFigures(subject, settings, clock, notes)),
      ...(await measureBusyFigures(subject, settings, clock, notes)),
      ...(await measureHostileFigures(subject, settings, clock, notes)),
      ...(await measureFixedMemoryFigures(subject, settings, clock, notes)),
    };
  }
  if (subjects.some((s) => s.name === 'hangar')) await measureCliFigures(figures, clock, notes);
  notes.push(
    `settings: ${settings.rounds} round(s) of (a)-(c) per subject in turn (the flood: median; echo: percentiles over all keys), ${settings.keys} keys per echo run (${settings.quick ? '--quick' : 'full'}), CPU window ${settings.cpuWindowMs / 1000} s after ${settings.cpuSettleMs / 1000} s settle, ` +
      `memory read ${settings.memorySettleMs / 1000} s after the last pane shows its marker, scrollback/history-limit ${HISTORY_LINES} everywhere; run took ${((clock.now() - started) / 1000).toFixed(0)} s`,
  );
  notes.push('raw runs bash directly in the outer pty: one pane, so no flooding neighbours, no idle-agent or memory figure');
  for (const [name, measure] of Object.entries(IN_PROCESS)) {
    console.log(`${name}…`);
    const line = await measure(clock);
    console.log(`  ${line}`);
    notes.push(line);
  }

  const rows = buildRows(figures);
  console.log(`\n${renderTable(rows)}\n`);
  for (const n of notes) console.log(`- ${n}`);
  printProfiles(settings);
  if (settings.writeDoc) {
    const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    writePerformanceDoc(PERFORMANCE_DOC, renderMeasuredSection(rows, { date, machine, quick: settings.quick, notes }));
    console.log(`\nwrote ${PERFORMANCE_DOC}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench: ${(err as Error)?.stack ?? err}`);
    process.exit(1);
  },
);

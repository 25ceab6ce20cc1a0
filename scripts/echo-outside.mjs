#!/usr/bin/env node
/**
 * Keystroke echo measured from outside (issue 17): this file uses none of hangar's code, only
 * node-pty, @xterm/headless, bin/hangar and tmux, as a person's terminal would. Each subject
 * (hangar: `hangar up` on 4 bash panes; tmux: 4 tiled bash panes) runs in a 200×50 pty parsed
 * by @xterm/headless; keys are typed into the focused pane and each is timed from the write to
 * the arrival of the pty chunk that makes its echo show (the chunk's own arrival time, so the
 * emulator's write scheduling — setTimeout(0), ≥1 ms in node — is not counted).
 *
 * Subjects alternate, each round a fresh fleet (as `npm run bench -- --scenario echo`): the two
 * ways of measuring should agree (docs/PERFORMANCE.md, issue 17). After `npm ci`:
 *
 *   node scripts/echo-outside.mjs [--rounds 3] [--keys 300] [--width 1|3] [--gap MS] [--flood]
 *                                 [--subjects hangar,tmux] [--parse-time] [--by-200] [--warm N] [--trace]
 *
 * --width 3 types a 3-character marker per key. --gap MS waits a random 0.5–1.5 × MS before
 * each key (a person typing); without it each key goes as soon as the last one showed (the
 * bench's way). --flood runs `seq` in a loop in the other 3 panes first. --parse-time times to
 * the emulator's parse callback instead (the old way, ~1 ms later, on xterm's timer). --by-200
 * prints each 200 keys' percentiles (warm-up); --warm N types N keys back to back first, not
 * timed (a fleet that has been typed into). --trace: hangar's processes mark each key's hops
 * (HANGAR_KEY_TRACE, src/base/key-trace.ts), this script marks the key and its echo the same
 * way, and prints the hops per round (read with dist/bench/key-hops.js). Each round also says
 * the CPU time per key of the subject's client and server, this script's own, and the bytes
 * drawn per key. ECHO_COCKPIT_ARGS="--cpu-prof …" starts hangar's cockpit under node flags.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pty from 'node-pty';
import xterm from '@xterm/headless';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HANGAR = join(ROOT, 'bin', 'hangar');
const COLS = 200;
const ROWS = 50;
const PANES = 4;
const PROMPT = 'bench$ ';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const rounds = Number(opt('rounds', 3));
const keys = Number(opt('keys', 300));
const gap = Number(opt('gap', 0));
const flood = args.includes('--flood');
const parseTime = args.includes('--parse-time');
const width = Number(opt('width', 1));
const subjects = opt('subjects', 'hangar,tmux').split(',');
const warm = Number(opt('warm', 0));
const traceDir = args.includes('--trace') ? mkdtempSync(join(tmpdir(), 'echo-outside-trace-')) : null;
const marks = [];
/** A mark on the monotonic clock every process shares, as src/base/key-trace.ts writes them. */
const mark = (hop, atPerf) => traceDir && marks.push(`${(Number(process.hrtime.bigint()) / 1e6 - (performance.now() - atPerf)).toFixed(3)}\t${hop}\n`);

class Outer {
  constructor(file, argv, cwd, env) {
    this.term = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
    this.child = pty.spawn(file, argv, { name: 'xterm-256color', cols: COLS, rows: ROWS, cwd, env });
    this.checks = new Set();
    this.seenArrival = 0;
    this.bytes = 0;
    this.child.onData((data) => {
      const at = performance.now();
      this.bytes += data.length;
      this.term.write(data, () => {
        this.seenArrival = at;
        for (const c of [...this.checks]) c();
      });
    });
    this.term.onData((reply) => this.child.write(reply));
  }
  row(y) {
    const b = this.term.buffer.active;
    return b.getLine(b.viewportY + y)?.translateToString(true) ?? '';
  }
  cursor() {
    return { row: this.term.buffer.active.cursorY, col: this.term.buffer.active.cursorX };
  }
  char(y, x) {
    const b = this.term.buffer.active;
    return b.getLine(b.viewportY + y)?.getCell(x)?.getChars() ?? '';
  }
  waitFor(what, pred, ms = 20000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (pred()) {
          clearTimeout(timer);
          this.checks.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.checks.delete(check);
        const lines = Array.from({ length: ROWS }, (_, y) => this.row(y)).join('\n');
        reject(new Error(`timed out waiting for ${what}\n${lines}`));
      }, ms);
      this.checks.add(check);
      check();
    });
  }
  promptsShown() {
    let n = 0;
    for (let y = 0; y < ROWS; y++) n += this.row(y).split('bench$').length - 1;
    return n;
  }
  atPrompt() {
    const { row, col } = this.cursor();
    return this.row(row).slice(0, col).trimEnd().endsWith('$');
  }
  write(s) {
    this.child.write(s);
  }
  kill() {
    try {
      this.child.kill('SIGKILL');
    } catch {}
    this.term.dispose();
  }
}

function baseEnv(dir) {
  const env = { ...process.env, TERM: 'xterm-256color', PS1: PROMPT, HISTFILE: '/dev/null', XDG_STATE_HOME: join(dir, 'xdg') };
  delete env.TMUX;
  delete env.NODE_OPTIONS;
  if (traceDir) env.HANGAR_KEY_TRACE = traceDir;
  return env;
}

async function openHangar() {
  const dir = mkdtempSync(join(tmpdir(), 'echo-outside-h-'));
  const agents = Array.from({ length: PANES }, (_, i) => `[[agent]]\nname = "p${i + 1}"\n`).join('\n');
  writeFileSync(
    join(dir, 'agents.toml'),
    `[defaults]\nsession_prefix = "eo-"\nlog_dir = "state"\ndir = "work"\nbackend = "sh"\nwatch = "none"\n\n[backend.sh]\nbin = "bash --norc --noprofile"\nprompt_delivery = "exec"\n\n${agents}`,
  );
  const env = baseEnv(dir);
  const extra = process.env.ECHO_COCKPIT_ARGS;
  const outer = extra
    ? new Outer(process.execPath, [...extra.split(' '), '--max-semi-space-size=2', '--v8-pool-size=1', HANGAR, 'up'], dir, env)
    : new Outer(HANGAR, ['up'], dir, env);
  await outer.waitFor('4 prompts', () => outer.promptsShown() >= PANES && outer.atPrompt());
  const server = Number(JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8')).pid);
  return {
    outer,
    pids: [outer.child.pid, server],
    run: (i, cmd) => {
      execFileSync(HANGAR, ['keys', '-l', `p${i + 1}`, cmd], { cwd: dir, env });
      execFileSync(HANGAR, ['keys', `p${i + 1}`, 'Enter'], { cwd: dir, env });
    },
    close: async () => {
      outer.write('\x02d'); // detach, so a profiled cockpit writes its profile
      await Promise.race([new Promise((resolve) => outer.child.onExit(resolve)), sleep(3000)]);
      outer.kill();
      try {
        execFileSync(HANGAR, ['down'], { cwd: dir, env, stdio: 'ignore' });
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let serial = 0;
async function openTmux() {
  const dir = mkdtempSync(join(tmpdir(), 'echo-outside-t-'));
  const env = baseEnv(dir);
  const sock = `eo${process.pid}-${serial++}`;
  const tmux = (...a) => execFileSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], { cwd: dir, env });
  tmux('new-session', '-d', '-s', 'eo', '-x', String(COLS), '-y', String(ROWS), 'bash', '--norc', '--noprofile');
  for (let i = 1; i < PANES; i++) {
    tmux('split-window', '-t', 'eo:0', 'bash', '--norc', '--noprofile');
    tmux('select-layout', '-t', 'eo:0', 'tiled');
  }
  tmux('select-pane', '-t', 'eo:0.0');
  const outer = new Outer('tmux', ['-L', sock, '-f', '/dev/null', 'attach-session', '-t', 'eo'], dir, env);
  await outer.waitFor('4 prompts', () => outer.promptsShown() >= PANES && outer.atPrompt());
  const server = Number(String(tmux('display-message', '-p', '-t', 'eo', '#{pid}')).trim());
  return {
    outer,
    pids: [outer.child.pid, server],
    run: (i, cmd) => {
      tmux('send-keys', '-t', `eo:0.${i}`, '-l', cmd);
      tmux('send-keys', '-t', `eo:0.${i}`, 'Enter');
    },
    close: () => {
      outer.kill();
      try {
        tmux('kill-server');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU time (user + system) a process has used, ms (clock ticks of 10 ms: read over many keys). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function typeKeys(outer, count, gapMs = gap) {
  const out = [];
  while (out.length < count) {
    let start = outer.cursor();
    await outer.waitFor('prompt', () => outer.atPrompt() && ((start = outer.cursor()), true));
    const n = Math.min(25, count - out.length);
    for (let k = 0; k < n; k++) {
      const i = out.length;
      const text = width === 1 ? LETTERS[i % 26] : `${LETTERS[i % 26]}${String(i % 100).padStart(2, '0')}`;
      const col = start.col + k * width;
      if (gapMs > 0) await sleep(gapMs * (0.5 + Math.random()));
      let seen = 0;
      const sent = performance.now();
      outer.write(text);
      await outer.waitFor(`echo ${text}`, () => {
        const c = outer.cursor();
        const ok = c.row === start.row && c.col === col + width && [...text].every((ch, j) => outer.char(start.row, col + j) === ch);
        if (ok) seen = parseTime ? performance.now() : outer.seenArrival;
        return ok;
      });
      mark('bench.key', sent);
      mark('bench.seen', seen);
      out.push(seen - sent);
    }
    outer.write('\x15');
    await outer.waitFor('line cleared', () => {
      const c = outer.cursor();
      return c.row === start.row && c.col === start.col;
    });
  }
  return out;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

async function traceReport(from) {
  const { readdirSync, readFileSync, appendFileSync } = await import('node:fs');
  appendFileSync(join(traceDir, `${process.pid}.tsv`), marks.splice(0).join(''));
  await sleep(600); // the cockpit and server flush their marks every 500 ms and at exit
  const hops = await import(join(ROOT, 'dist', 'bench', 'key-hops.js'));
  const all = readdirSync(traceDir).flatMap((f) => hops.parseMarks(readFileSync(join(traceDir, f), 'utf8')));
  const paths = hops.keyPaths(all, from, Number(process.hrtime.bigint()) / 1e6);
  console.log(hops.renderHopTable(hops.hopTable(paths)).map((l) => `  ${l}`).join('\n'));
  console.log('  the slowest 1 %:\n' + hops.renderHopTable(hops.tailTable(paths)).map((l) => `    ${l}`).join('\n'));
}

const all = Object.fromEntries(subjects.map((s) => [s, []]));
for (let r = 0; r < rounds; r++) {
  for (const name of subjects) {
    const bench = name === 'hangar' ? await openHangar() : await openTmux();
    const from = Number(process.hrtime.bigint()) / 1e6;
    try {
      if (flood) {
        for (let i = 1; i < PANES; i++) bench.run(i, 'while :; do seq 1 200000; done');
        const from = bench.outer.bytes;
        await bench.outer.waitFor('flood', () => bench.outer.bytes - from > 200_000);
      }
      if (warm > 0) await typeKeys(bench.outer, warm, 0);
      const cpu0 = bench.pids.map(cpuMs);
      const own0 = process.cpuUsage();
      const bytes0 = bench.outer.bytes;
      const lat = await typeKeys(bench.outer, keys);
      const cpu = bench.pids.map((pid, i) => cpuMs(pid) - cpu0[i]);
      const own = process.cpuUsage(own0);
      const drawn = (bench.outer.bytes - bytes0) / lat.length;
      all[name].push(...lat);
      if (args.includes('--by-200')) for (let i = 0; i < lat.length; i += 200) console.log(`  keys ${i}-${i + 199}: p50 ${pct(lat.slice(i, i + 200), 50).toFixed(2)} p99 ${pct(lat.slice(i, i + 200), 99).toFixed(2)}`);
      console.log(`${name} round ${r + 1}: p50 ${pct(lat, 50).toFixed(2)} p99 ${pct(lat, 99).toFixed(2)} max ${Math.max(...lat).toFixed(2)} ms (${lat.length} keys); CPU per key: client ${(cpu[0] / lat.length).toFixed(3)} ms, server ${(cpu[1] / lat.length).toFixed(3)} ms, this harness ${((own.user + own.system) / 1000 / lat.length).toFixed(3)} ms; ${drawn.toFixed(1)} bytes drawn per key`);
    } finally {
      await bench.close();
    }
    if (traceDir && name === 'hangar') await traceReport(from);
  }
}
for (const [name, lat] of Object.entries(all)) {
  console.log(`${name}: p50 ${pct(lat, 50).toFixed(2)} p99 ${pct(lat, 99).toFixed(2)} ms over ${lat.length} keys (gap ${gap} ms, width ${width}${flood ? ', 3 panes flooding' : ''}${parseTime ? ', parse time' : ''})`);
}
process.exit(0);

import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runCommand } from './run-command.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  tmux: string | undefined;
  os: string;
}

/** The machine the figures were taken on (CPU model from /proc/cpuinfo). */
export async function describeMachine(): Promise<Machine> {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) cpuModel = match[1]!.trim();
  } catch {
    // not Linux: keep os.cpus()'s name
  }
  const tmux = await runCommand('tmux', ['-V']);
  let os: string = process.platform;
  try {
    os = readFileSync('/proc/version', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    // keep the platform name
  }
  return {
    cpuModel,
    cores: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    tmux: tmux.code === 0 ? tmux.stdout.trim() : undefined,
    os,
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, ${m.os}, node ${m.node}, ${m.tmux ?? 'tmux not installed'}`;
}

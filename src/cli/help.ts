import type { CommandSpec, FlagSpec } from './command.js';
import { GLOBAL_FLAGS } from './command.js';
import { HANGAR_VERSION } from '../fs/package-root.js';

function usageLine(spec: CommandSpec): string {
  const args = spec.args.map((a) => {
    const word = a.name.toUpperCase() + (a.variadic ? '…' : '');
    return a.required ? word : `[${word}]`;
  });
  return ['hangar', spec.name, ...args, '[flags]'].join(' ');
}

function flagWords(f: FlagSpec): string {
  const names = [f.short ? `-${f.short}` : '', `--${f.name}`].filter(Boolean).join(', ');
  return f.type === 'boolean' ? names : `${names} ${f.value ?? 'VALUE'}`;
}

/** `hangar help`: every verb with its summary, from the command table. */
export function renderOverview(table: readonly CommandSpec[]): string {
  const width = Math.max(...table.map((c) => c.name.length));
  return [
    `hangar ${HANGAR_VERSION} — a cockpit and watchdog for a fleet of AI coding agents`,
    '',
    'usage: hangar VERB [ARGS] [--config PATH] [--set KEY=VALUE]… [--json]',
    '',
    'verbs:',
    ...table.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every verb takes --config PATH (default: $HANGAR_CONFIG, else ./agents.toml, else the one',
    'fleet running from this folder).',
    'Verbs that print data take --json. `hangar help VERB` tells more.',
    'Exit codes: 0 ok, 1 runtime failure, 2 usage or config error.',
  ].join('\n');
}

/** `hangar help VERB`: usage, description, arguments, flags and examples of one verb. */
export function renderVerbHelp(spec: CommandSpec): string {
  const flags = [...spec.flags, ...GLOBAL_FLAGS];
  const fw = Math.max(...flags.map((f) => flagWords(f).length));
  const aw = Math.max(0, ...spec.args.map((a) => a.name.length));
  const lines = [`usage: ${usageLine(spec)}`, '', spec.summary];
  if (spec.aliases?.length) lines.push(`aliases: ${spec.aliases.join(', ')}`);
  if (spec.description) lines.push('', spec.description);
  if (spec.args.length) {
    lines.push('', 'arguments:', ...spec.args.map((a) => `  ${a.name.toUpperCase().padEnd(aw)}  ${a.summary}`));
  }
  lines.push('', 'flags:', ...flags.map((f) => `  ${flagWords(f).padEnd(fw)}  ${f.summary}`));
  if (spec.examples?.length) lines.push('', 'examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/** The README's CLI reference, generated from the same table. */
export function renderCliReference(table: readonly CommandSpec[]): string {
  const out: string[] = [];
  for (const spec of table) {
    out.push(`### \`hangar ${spec.name}\``, '', spec.summary + (spec.description ? ` ${spec.description}` : ''), '');
    out.push('```', usageLine(spec), '```', '');
    const rows = [
      ...spec.args.map((a) => `| \`${a.name.toUpperCase()}${a.variadic ? '…' : ''}\` | ${a.required ? 'required' : 'optional'}: ${a.summary} |`),
      ...spec.flags.map((f) => `| \`${flagWords(f)}\` | ${f.summary} |`),
    ];
    if (rows.length) out.push('| argument / flag | meaning |', '|---|---|', ...rows, '');
    if (spec.examples?.length) out.push('Examples: ' + spec.examples.map((e) => `\`${e}\``).join(', '), '');
  }
  out.push('Every verb also takes:', '', '| flag | meaning |', '|---|---|', ...GLOBAL_FLAGS.map((f) => `| \`${flagWords(f)}\` | ${f.summary} |`));
  return out.join('\n');
}

// The programs hangar runs, bundled from tsc's output in dist/ (`npm run build` runs this
// after tsc): dist/hangar.js, the CLI and the cockpit (bin/hangar loads it), and
// dist/hangar-server.js, the fleet server (cli/ensure-server.ts starts it), and
// dist/hangar-hook.js, `hangar hook` (an agent CLI's hooks run it: it must start fast).
//
// Why bundle: the cockpit and the server are long-lived node processes, and loading ~1,000
// ES modules one by one (ink alone pulls in 415 files of es-toolkit for one `throttle`) costs
// each process module records, their source text and start-up time. One bundle per program,
// with only the code it reaches, took the cockpit from ~96 to ~84 MB resident with 8 panes
// (docs/PERFORMANCE.md). React is bundled as its production build: the development build
// validates every render and makes each chrome render several times slower.
//
// The cockpit (ui/run-cockpit.js) stays a chunk of its own that only `attach` and `up` load,
// so the other verbs start without React; so does `hangar mcp`'s MCP SDK (mcp/stdio-server.js). node-pty stays outside (it loads its native addon
// from its own folder); react-devtools-core is an optional import of ink's that hangar never
// takes (ink loads it only when DEV=true, which the bundle turns off: see inkDevModeOff).
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * ink's DEV=true mode connects to React devtools (not installed) and first reads its own
 * package.json beside its file — which a chunk in dist/chunks/ does not have: with DEV=true in
 * the user's environment the cockpit would not load. ink reads the variable through its own
 * `isDev` (on the `process` it imports, so `define` cannot reach it); the bundle's is false.
 */
const inkDevModeOff = {
  name: 'ink-dev-mode-off',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]utils\.js$/ }, () => ({
      contents: 'const isDev = () => false;\nexport { isDev };\n',
      loader: 'js',
    }));
  },
};

/**
 * V8 keeps each loaded file's source text (to compile functions lazily), in one byte a
 * character if it is all Latin-1 and in two otherwise: one "—" in a comment doubles the whole
 * file's cost (the cockpit's chunk held 1.8 MB for 0.9 MB of text). esbuild writes strings,
 * regexps and names in ASCII but leaves comments as they are: escape what is left. A \uXXXX
 * escape means the same code unit in a string, a template, a regexp or a name, and nothing
 * in a comment.
 */
const asciiOnly = (text) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

rmSync(`${root}dist/chunks`, { recursive: true, force: true });

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: { hangar: 'dist/cli.js', 'hangar-server': 'dist/server/main.js', 'hangar-hook': 'dist/cli/hook-main.js' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['node-pty', 'react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [inkDevModeOff],
  // CommonJS inside an ES module bundle (React, signal-exit, …) still calls require()
  banner: { js: "import { createRequire as __hangarRequire } from 'node:module'; const require = __hangarRequire(import.meta.url);" },
  logLevel: 'warning',
  write: false,
});
for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, asciiOnly(file.text));
}

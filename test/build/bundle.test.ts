import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The bundles `npm run build` makes (scripts/bundle.mjs); the tests run after a build.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const chunks = () => readdirSync(join(DIST, 'chunks')).map((name) => ({ name, text: readFileSync(join(DIST, 'chunks', name), 'utf8') }));
/** The node_modules files esbuild put into a bundle (it heads each with a `// path` comment). */
const bundled = (text: string) => [...text.matchAll(/^\/\/ (node_modules\/\S+)$/gm)].map((m) => m[1]!);

describe('the bundles', () => {
  it("carry React's production build only, whatever NODE_ENV says when the cockpit starts", () => {
    const files = chunks().flatMap((c) => bundled(c.text));
    expect(files).toContain('node_modules/react/cjs/react.production.js');
    expect(files).toContain('node_modules/react-reconciler/cjs/react-reconciler.production.js');
    expect(files.filter((f) => f.includes('.development.'))).toEqual([]);
  });

  it('load the cockpit (React, ink) only for the verbs that open it', () => {
    const closure = staticClosure('hangar.js');
    const cockpit = chunks().find((c) => c.name.startsWith('run-cockpit-'))!;
    expect(cockpit).toBeDefined();
    expect(closure.has(`chunks/${cockpit.name}`)).toBe(false);
    const texts = [...closure].map((f) => readFileSync(join(DIST, f), 'utf8'));
    expect(texts.flatMap(bundled).filter((f) => f.startsWith('node_modules/ink/') || f.startsWith('node_modules/react'))).toEqual([]);
    expect(texts.some((t) => t.includes(`import("./${cockpit.name}")`) || t.includes(`import("./chunks/${cockpit.name}")`))).toBe(true);
  });

  it('load the cockpit whatever DEV says (ink reads a file beside its own in DEV mode, which a chunk has not)', () => {
    const cockpit = chunks().find((c) => c.name.startsWith('run-cockpit-'))!;
    const load = `import(${JSON.stringify(join(DIST, 'chunks', cockpit.name))}).then((m) => console.log(typeof m.runCockpit))`;
    for (const DEV of ['true', 'false']) {
      expect(execFileSync(process.execPath, ['-e', load], { env: { ...process.env, DEV }, encoding: 'utf8' }).trim()).toBe('function');
    }
  });

  it('the CLI, cockpit included, loads neither node-pty nor xterm: clients do not load the server', () => {
    // everything `hangar --version` and `hangar status` load (static imports), and every chunk
    // any verb may load later (dynamic imports: the cockpit, the command table for help)
    const cli = [...closure('hangar.js', { dynamic: true })];
    expect(cli).toContain('hangar.js');
    expect(cli.some((f) => f.includes('run-cockpit-'))).toBe(true);
    expect(cli.filter((f) => serverOnly(readFileSync(join(DIST, f), 'utf8')).length > 0)).toEqual([]);
    // the check sees them where they are: the server's bundle
    const server = [...closure('hangar-server.js', { dynamic: true })].flatMap((f) => serverOnly(readFileSync(join(DIST, f), 'utf8')));
    expect(server).toContain('node-pty');
    expect(server).toContain('node_modules/@xterm/headless');
  });

  it('`hangar hook` loads neither node-pty, xterm, ink nor the config code: an agent CLI runs it on every hook', () => {
    const files = [...closure('hangar-hook.js', { dynamic: true })];
    expect(files.filter((f) => serverOnly(readFileSync(join(DIST, f), 'utf8')).length > 0)).toEqual([]);
    const texts = files.map((f) => readFileSync(join(DIST, f), 'utf8'));
    expect(texts.flatMap(bundled).filter((f) => f.startsWith('node_modules/ink/') || f.startsWith('node_modules/react') || f.startsWith('node_modules/smol-toml'))).toEqual([]);
    // the config loader's own words: a hook that read agents.toml would carry them
    expect(texts.filter((t) => t.includes('agents.toml'))).toEqual([]);
    // the CLI's bundle is not in it either (bin/hangar picks this one for `hook`)
    expect(files).not.toContain('hangar.js');
  });

  it('the CLI and the cockpit build no Intl formatter or collator as they load: the first one maps ~5 MB of ICU data for good', () => {
    const cockpit = chunks().find((c) => c.name.startsWith('run-cockpit-'))!;
    // each Intl constructor that loads locale data counts its calls while both bundles load
    const count = `let made = 0;
      for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat']) {
        Intl[name] = new Proxy(Intl[name], { construct: (t, a, n) => (made++, Reflect.construct(t, a, n)), apply: (t, self, a) => (made++, Reflect.apply(t, self, a)) });
      }
      await import(${JSON.stringify(join(DIST, 'hangar.js'))});
      await import(${JSON.stringify(join(DIST, 'chunks', cockpit.name))});
      console.log(made);`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', count], { encoding: 'utf8' }).trim()).toBe('0');
  });

  it('are ASCII: V8 holds a source with one character past Latin-1 in two bytes a character, and keeps every bundle\'s source', () => {
    const files = ['hangar.js', 'hangar-server.js', 'hangar-hook.js', ...readdirSync(join(DIST, 'chunks')).map((name) => `chunks/${name}`)];
    expect(files.filter((f) => /[^\x00-\x7f]/.test(readFileSync(join(DIST, f), 'utf8')))).toEqual([]);
  });

  it("the server's bundle has no ink or React at all", () => {
    const files = [...staticClosure('hangar-server.js')].flatMap((f) => bundled(readFileSync(join(DIST, f), 'utf8')));
    expect(files.some((f) => f.startsWith('node_modules/@xterm/headless/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('node_modules/ink/') || f.startsWith('node_modules/react'))).toEqual([]);
  });
});

/** The files of dist/ that `entry` loads as it starts (static imports, followed), as paths under dist/. */
function staticClosure(entry: string): Set<string> {
  return closure(entry, { dynamic: false });
}

/** The files of dist/ that `entry` loads, following static imports and, with `dynamic`, `import("./…")` too. */
function closure(entry: string, { dynamic }: { dynamic: boolean }): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(DIST, file), 'utf8');
    for (const m of text.matchAll(/(?:from|^import) "\.\/([^"]+)";$/gm)) visit(join(file, '..', m[1]!));
    if (dynamic) for (const m of text.matchAll(/import\("\.\/([^"]+)"\)/g)) visit(join(file, '..', m[1]!));
  };
  visit(entry);
  return seen;
}

/** What of the server's a bundle file carries: an import of node-pty (kept outside the bundle), @xterm modules bundled in. */
function serverOnly(text: string): string[] {
  const pty = /^import \S+ from "node-pty";$|from "node-pty"|require\("node-pty"\)/m.test(text) ? ['node-pty'] : [];
  const xterm = bundled(text)
    .filter((f) => f.startsWith('node_modules/@xterm/'))
    .map((f) => f.split('/').slice(0, 3).join('/'));
  return [...pty, ...new Set(xterm)];
}

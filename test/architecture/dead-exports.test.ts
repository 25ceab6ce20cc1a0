import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every name src/ exports is imported somewhere else (src/, test/, scripts/): an export no one
// imports is dead code or a name that should be private. Imports read with TypeScript's parser;
// `import * as`, `export *` and `import()` count as using every name of the module.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Loaded by name from outside src/ and test/: bin/hangar calls the bundle's `main`. */
const ENTRY_POINTS = new Set(['src/cli.ts#main']);

/** Left to the work on the typed request table (issue 12 §1), which replaces them. */
const LEFT_FOR_NOW = (file: string, name: string) =>
  file.startsWith('src/protocol/') || /^src\/server\/[^/]*request[^/]*\.ts$/.test(file) || file === 'src/ui/cockpit.ts' || name === 'ERROR_CODES' || name === 'RequestError';

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, pattern) : pattern.test(name) ? [relative(ROOT, path)] : [];
  });
}

function resolveModule(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(ROOT, dirname(from), spec);
  const found = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base.replace(/\.mjs$/, '.mts'), base].find((p) => existsSync(p) && statSync(p).isFile());
  return found && relative(ROOT, found);
}

/**
 * The values a file exports by declaration or by `export { … }` (not re-exports: those are uses
 * of another file). Types are left out: an exported function's parameter types are part of it.
 * Declarations start their line (the formatter's layout), so a pattern finds them.
 */
function exportsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const declared = [...text.matchAll(/^export (?:declare )?(?:async )?(?:function\*?|const|let|var|class|abstract class|enum) (\w+)/gm)].map((m) => m[1]!);
  const listed = [...text.matchAll(/^export \{([^}]*)\}(?!\s*from)/gm)].flatMap((m) =>
    m[1]!.split(',').map((e) => e.trim()).filter((e) => e !== '' && !e.startsWith('type ')).map((e) => e.split(/\s+as\s+/).pop()!),
  );
  const defaults = /^export default /m.test(text) ? ['default'] : [];
  return [...declared, ...listed, ...defaults];
}

/** `file#name` for every name imported or re-exported from a local module; `file#*` for all of it. */
function usesOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  // the statements that name a module, parsed on their own (parsing whole files is most of the time)
  const statements = [...text.matchAll(/^\s*(?:import|export)\b[^;'"`]*?['"][^'"]+['"]/gm)].map((m) => m[0]).join(';\n');
  const source = ts.createSourceFile(file, statements, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const uses: string[] = [];
  for (const node of source.statements) {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveModule(file, node.moduleSpecifier.text);
      if (!target) continue;
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        if (clause?.name) uses.push(`${target}#default`);
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) uses.push(`${target}#*`);
        if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) uses.push(`${target}#${(e.propertyName ?? e.name).text}`);
      } else if (node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const e of node.exportClause.elements) uses.push(`${target}#${(e.propertyName ?? e.name).text}`);
      } else uses.push(`${target}#*`);
    }
  }
  // import('…') can be anywhere: walk the tree only of the files that have one
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const target = resolveModule(file, node.arguments[0].text);
      if (target) uses.push(`${target}#*`);
    }
    ts.forEachChild(node, visit);
  };
  if (text.includes('import(')) visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS));
  return uses;
}

describe('exports', () => {
  it('are each imported by another file (or the export is dropped)', () => {
    const sources = files(join(ROOT, 'src'), /\.tsx?$/);
    const readers = [...sources, ...files(join(ROOT, 'test'), /\.tsx?$/), ...files(join(ROOT, 'scripts'), /\.m?[jt]s$/), 'vitest.config.ts'];
    const used = new Set(readers.flatMap((f) => usesOf(f)));
    const dead = sources.flatMap((file) =>
      exportsOf(file)
        .filter((name) => !used.has(`${file}#${name}`) && !ENTRY_POINTS.has(`${file}#${name}`) && !used.has(`${file}#*`) && !LEFT_FOR_NOW(file, name))
        .map((name) => `${file}: ${name}`),
    );
    expect(dead).toEqual([]);
  });
});

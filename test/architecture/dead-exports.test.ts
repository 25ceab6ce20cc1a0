import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every name src/ exports is imported somewhere else (src/, test/, scripts/): an export no one
// imports is dead code or a name that should be private. Read with TypeScript's parser;
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

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function resolveModule(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(ROOT, dirname(from), spec);
  const found = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base.replace(/\.mjs$/, '.mts'), base].find((p) => existsSync(p) && statSync(p).isFile());
  return found && relative(ROOT, found);
}

const hasExport = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/**
 * The values a file exports by declaration or by `export { … }` (not re-exports: those are uses
 * of another file). Types are left out: an exported function's parameter types are part of it.
 */
function exportsOf(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const node of source.statements) {
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && !node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const e of node.exportClause.elements) if (!e.isTypeOnly) names.push(e.name.text);
    } else if (ts.isExportAssignment(node)) names.push('default');
    else if (hasExport(node) && !ts.isInterfaceDeclaration(node) && !ts.isTypeAliasDeclaration(node)) {
      const isDefault = ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (isDefault) names.push('default');
      else if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
      } else if ('name' in node && node.name && ts.isIdentifier(node.name as ts.Node)) names.push((node.name as ts.Identifier).text);
    }
  }
  return names;
}

/** `file#name` for every name imported or re-exported from a local module; `file#*` for all of it. */
function usesOf(file: string, source: ts.SourceFile): string[] {
  const uses: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveModule(file, node.moduleSpecifier.text);
      if (target) {
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
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const target = resolveModule(file, node.arguments[0].text);
      if (target) uses.push(`${target}#*`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

describe('exports', () => {
  it('are each imported by another file (or the export is dropped)', () => {
    const sources = files(join(ROOT, 'src'), /\.tsx?$/);
    const readers = [...sources, ...files(join(ROOT, 'test'), /\.tsx?$/), ...files(join(ROOT, 'scripts'), /\.m?[jt]s$/), 'vitest.config.ts'];
    const used = new Set(readers.flatMap((f) => usesOf(f, parse(f))));
    const dead = sources.flatMap((file) =>
      exportsOf(parse(file))
        .filter((name) => !used.has(`${file}#${name}`) && !ENTRY_POINTS.has(`${file}#${name}`) && !used.has(`${file}#*`) && !LEFT_FOR_NOW(file, name))
        .map((name) => `${file}: ${name}`),
    );
    expect(dead).toEqual([]);
  });
});

// The React 19 JSX typings: widget/react.ts, generated from the custom-elements manifest
// (scripts/react-types.mjs; test/package.test.ts checks it is current), type-checks a TSX page that
// uses the elements with typed properties and typed event handlers, and refuses wrong ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const fixture = join(root, 'test', 'fixtures', 'react-usage.tsx');

/** The project's own compiler options, on one TSX file whose text may be replaced in memory. */
function diagnosticsOf(text: string): { line: number; code: number; message: string }[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === fixture ? text : readFile(name));
  const program = ts.createProgram({ rootNames: [fixture], options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === fixture)
    .map((d) => ({ line: d.file!.getLineAndCharacterOfPosition(d.start!).line + 1, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') }));
}

describe('React 19 JSX typings of the elements (widget/react.ts)', () => {
  const source = readFileSync(fixture, 'utf8');
  const expected = source.split('\n').flatMap((line, i) => (line.includes('{/* @ts-expect-error') ? [i + 2] : []));

  it('a TSX page with typed props and typed event handlers (OrderOpenEvent, RouteChangeEvent) type-checks', () => {
    assert.ok(expected.length >= 5);
    assert.deepEqual(diagnosticsOf(source), []);
  });

  it('each wrong prop, event detail and tag is a real type error (without its @ts-expect-error)', () => {
    const bare = source.replace(/\{\/\* @ts-expect-error[^}]*\}/g, '{}');
    const found = diagnosticsOf(bare);
    assert.deepEqual([...new Set(found.map((d) => d.line))].sort((a, b) => a - b), expected, JSON.stringify(found, null, 2));
    const at = (line: number) => found.filter((d) => d.line === line).map((d) => d.message).join(' ');
    assert.match(at(expected[0]!), /'string' is not assignable to type 'number'/);
    assert.match(at(expected[1]!), /"price"/);
    assert.match(at(expected[2]!), /placementId/);
    assert.match(at(expected[3]!), /"history"/);
    assert.match(at(expected[4]!), /jobag-order-lst/);
  });
});

// The lazy bundle layout's sources: widget/elements.ts is the one list of elements, so
// every element that defines a tag must be on it (else the loader never defines it), and the
// Danish words, split by the elements that show them, must still be the whole catalogue (R9).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { elements } from '../../../widget/elements.ts';
import { da } from '../../../widget/locales/da.all.ts';
import { en } from '../../../widget/locales/en.ts';

const widget = new URL('../../../widget/', import.meta.url).pathname;

describe('widget/elements.ts, the one list of elements', () => {
  it('holds every tag a widget module defines, each loaded from the module that defines it', () => {
    const defined = new Map<string, string>();
    for (const file of readdirSync(widget).filter((name) => name.endsWith('.ts'))) {
      for (const match of readFileSync(join(widget, file), 'utf8').matchAll(/defineElement\('(jobag-[a-z-]+)'/g)) defined.set(match[1]!, file);
    }
    assert.deepEqual(Object.keys(elements).sort(), [...defined.keys()].sort());
    const source = readFileSync(join(widget, 'elements.ts'), 'utf8');
    for (const [tag, file] of defined) assert.match(source, new RegExp(`'${tag}': \\(\\) => import\\('\\./${file.replace('.', '\\.')}'\\)`), `${tag} is loaded from ${file}`);
  });
});

describe('R8.2, R9: the Danish words, split by element', () => {
  it('together have every key the English catalogue has, and no other', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`)) : [prefix.slice(0, -1)];
    assert.deepEqual(keys(da).sort(), keys(en).sort());
  });
});

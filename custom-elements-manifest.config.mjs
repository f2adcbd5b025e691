// `cem analyze` (npm run build): dist/custom-elements.json from the widgets' JSDoc (@summary,
// @fires, @csspart, @cssprop, attributes, properties), completed by the plugins below so that it
// describes the package as shipped: module paths of the npm build's files, each event with its
// class, each attribute's allowed values, and every custom property and part the elements read.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const root = new URL('.', import.meta.url).pathname;

// Our elements register through `defineElement('jobag-…', Class)` (a tag only if it is free),
// which the analyzer does not know: this plugin records those calls as custom-element definitions.
const defineElementCalls = () => ({
  name: 'jobag-define-element',
  analyzePhase({ ts, node, moduleDoc }) {
    if (node.kind !== ts.SyntaxKind.CallExpression) return;
    if (node.expression.getText() !== 'defineElement') return;
    const [tag, element] = node.arguments;
    if (!tag || !element || tag.kind !== ts.SyntaxKind.StringLiteral || element.kind !== ts.SyntaxKind.Identifier) return;
    moduleDoc.exports = [
      ...(moduleDoc.exports ?? []),
      { kind: 'custom-element-definition', name: tag.text, declaration: { name: element.text, module: moduleDoc.path } },
    ];
  },
});

/**
 * `@cssprop --a, --b - Text` documents several properties at once; the analyzer reads only the
 * first name. Give each its own entry with the shared text.
 */
const cssPropertyLists = () => ({
  name: 'jobag-css-property-lists',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (!declaration.cssProperties) continue;
        declaration.cssProperties = declaration.cssProperties.flatMap((property) => {
          if (!property.name.endsWith(',')) return [property];
          const [rest, ...text] = (property.description ?? '').split(' - ');
          const names = [property.name, ...rest.split(',')].map((n) => n.replace(',', '').trim()).filter(Boolean);
          return names.map((name) => ({ name, description: text.join(' - ') }));
        });
      }
    }
  },
});

/**
 * Lit's `@state()` fields are the element's own reactive state, not its API: mark them private, so
 * the manifest (and the JSX typings made from it, scripts/react-types.mjs) lists only real properties.
 */
const stateIsPrivate = () => {
  const stateFields = new Map();
  return {
    name: 'jobag-state-is-private',
    analyzePhase({ ts, node }) {
      if (node.kind !== ts.SyntaxKind.ClassDeclaration || !node.name) return;
      const names = node.members
        .filter((member) => (ts.getDecorators?.(member) ?? []).some((d) => d.expression.getText().startsWith('state(')))
        .map((member) => member.name.getText());
      if (names.length) stateFields.set(node.name.text, new Set(names));
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          for (const member of declaration.members ?? []) {
            const owner = member.inheritedFrom?.name ?? declaration.name;
            if (member.kind === 'field' && stateFields.get(owner)?.has(member.name)) member.privacy = 'private';
          }
        }
      }
    },
  };
};

/** Every custom element declaration of the manifest, with its module. */
const elementsOf = (manifest) =>
  manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((declaration) => ({ mod, declaration })));

/**
 * Each event with its class as type (`OrderOpenEvent`), from the `HTMLElementEventMap` entries the
 * event modules declare (the same map that types `addEventListener`), so the two cannot disagree.
 */
const eventTypes = () => {
  const classOf = new Map();
  return {
    name: 'jobag-event-types',
    analyzePhase({ ts, node }) {
      if (node.kind !== ts.SyntaxKind.InterfaceDeclaration || node.name.text !== 'HTMLElementEventMap') return;
      for (const member of node.members) {
        if (member.kind === ts.SyntaxKind.PropertySignature && member.type) classOf.set(member.name.text ?? member.name.getText(), member.type.getText());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const moduleOf = new Map(customElementsManifest.modules.flatMap((mod) => (mod.declarations ?? []).map((d) => [d.name, mod.path])));
      for (const { declaration } of elementsOf(customElementsManifest)) {
        for (const event of declaration.events ?? []) {
          const type = classOf.get(event.name);
          if (!type) throw new Error(`<${declaration.tagName}> fires ${event.name}, which no HTMLElementEventMap declares.`);
          event.type = { text: type, ...(moduleOf.has(type) ? { references: [{ name: type, module: moduleOf.get(type), start: 0, end: type.length }] } : {}) };
        }
      }
    },
  };
};

/**
 * Attribute and property types as their allowed values (`'id' | 'title' | …`) rather than the
 * alias that names them (`SortKey`), resolved by the TypeScript checker from the element classes.
 */
const allowedValues = () => ({
  name: 'jobag-allowed-values',
  packageLinkPhase({ customElementsManifest }) {
    const elements = elementsOf(customElementsManifest);
    const program = ts.createProgram(elements.map(({ mod }) => join(root, mod.path)), {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      experimentalDecorators: true,
      noEmit: true,
      strict: true,
      types: [],
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    });
    const checker = program.getTypeChecker();
    const literal = (type) => (type.isStringLiteral() ? `'${type.value}'` : checker.typeToString(type));
    /** A union of literals and primitives spelled out; anything else (functions, objects) as TypeScript writes it. */
    const spell = (type) => {
      const parts = type.isUnion() ? type.types : [type];
      const plain = parts.every((t) => t.flags & (ts.TypeFlags.Literal | ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.Boolean | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.BooleanLiteral));
      if (!plain) return null;
      const nullish = (t) => (t.flags & ts.TypeFlags.Null ? 1 : t.flags & ts.TypeFlags.Undefined ? 2 : 0);
      const texts = [...parts].sort((a, b) => nullish(a) - nullish(b)).map(literal);
      // true | false is what TypeScript means by boolean.
      const booleans = texts.filter((t) => t === 'true' || t === 'false');
      return [...new Set(texts.map((t) => (booleans.length === 2 && (t === 'true' || t === 'false') ? 'boolean' : t)))].join(' | ');
    };
    for (const { mod, declaration } of elements) {
      const source = program.getSourceFile(join(root, mod.path));
      const node = source?.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === declaration.name);
      if (!node) throw new Error(`${declaration.name} is not a class of ${mod.path}.`);
      const instance = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(node.name));
      const typeOf = (name) => {
        const symbol = instance.getProperty(name);
        return symbol ? spell(checker.getTypeOfSymbol(symbol)) : null;
      };
      for (const attribute of declaration.attributes ?? []) {
        const text = attribute.fieldName && typeOf(attribute.fieldName);
        if (text) attribute.type = { text };
      }
      for (const member of declaration.members ?? []) {
        const text = member.kind === 'field' && !member.static && !member.privacy && typeOf(member.name);
        if (text) member.type = { text };
      }
    }
  },
});

/** The text of a module and of the `*.styles.ts` modules it imports (its styles). */
const styleSources = (path) => {
  const text = readFileSync(join(root, path), 'utf8');
  const styles = [...text.matchAll(/^import [^;]* from '(\.\/[a-z-]+\.styles\.ts)';$/gm)].map((m) => readFileSync(join(root, dirname(path), m[1]), 'utf8'));
  return [text, ...styles].join('\n');
};

/**
 * Every `--jobag-*` custom property an element's styles read (its own, the shared theme's) and
 * every literal `part="…"` its templates set, so the reference misses none. A property or part
 * the JSDoc documents keeps its text; another takes the text another element gives it, and a
 * part named inside a documented part's text (`caption`, `row`, …) takes that part's text.
 */
const stylingHooks = () => ({
  name: 'jobag-styling-hooks',
  packageLinkPhase({ customElementsManifest }) {
    const elements = elementsOf(customElementsManifest);
    const propertyText = new Map();
    for (const { declaration } of elements) for (const p of declaration.cssProperties ?? []) if (p.description && !propertyText.has(p.name)) propertyText.set(p.name, p.description);
    for (const { mod, declaration } of elements) {
      const source = styleSources(mod.path);
      const properties = new Map((declaration.cssProperties ?? []).map((p) => [p.name, p]));
      for (const [, name] of source.matchAll(/var\((--jobag-[a-z0-9-]+)/g)) {
        if (!properties.has(name)) properties.set(name, { name, description: propertyText.get(name) ?? '' });
      }
      if (properties.size) declaration.cssProperties = [...properties.values()].sort((a, b) => a.name.localeCompare(b.name));
      const parts = new Map((declaration.cssParts ?? []).map((p) => [p.name, p]));
      const documented = [...parts.values()];
      for (const [, value] of source.matchAll(/\bpart="([^"$]*)"/g)) {
        for (const name of value.split(/\s+/).filter(Boolean)) {
          if (parts.has(name)) continue;
          const parent = documented.find((p) => p.description?.includes(`\`${name}\``));
          parts.set(name, { name, description: parent ? `Within \`${parent.name}\`: ${parent.description}` : '' });
        }
      }
      if (parts.size) declaration.cssParts = [...parts.values()];
    }
  },
});

/**
 * Module paths as shipped: the analyzer reads `widget/order-list.ts`; the package holds its npm
 * build, `dist/npm/widget/order-list.js` (package.json `exports`), which tools open.
 */
const shippedPaths = () => {
  const shipped = (path) => (/^(widget|sdk)\/.+\.ts$/.test(path) ? `dist/npm/${path.replace(/\.ts$/, '.js')}` : path);
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'module' || key === 'path') && typeof inner === 'string') value[key] = shipped(inner);
        else walk(inner);
      }
    }
  };
  return { name: 'jobag-shipped-paths', packageLinkPhase: ({ customElementsManifest }) => walk(customElementsManifest.modules) };
};

export default {
  globs: ['widget/*.ts'],
  exclude: ['widget/*.styles.ts', 'widget/locales/**', 'widget/react.ts'],
  outdir: 'dist',
  litelement: true,
  // The path rewrite last: the others read the sources by the analyzer's paths.
  plugins: [defineElementCalls(), cssPropertyLists(), stateIsPrivate(), eventTypes(), allowedValues(), stylingHooks(), shippedPaths()],
};

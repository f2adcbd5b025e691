// `cem analyze` (npm run build): dist/custom-elements.json from the widgets' JSDoc (@summary,
// @fires, @csspart, @cssprop, attributes, properties). Our elements register through
// `defineElement('jobag-…', Class)` (a tag only if it is free), which the analyzer does not know:
// this plugin records those calls as custom-element definitions.
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

export default {
  globs: ['widget/*.ts'],
  exclude: ['widget/*.styles.ts', 'widget/locales/**'],
  outdir: 'dist',
  litelement: true,
  plugins: [defineElementCalls(), cssPropertyLists(), stateIsPrivate()],
};

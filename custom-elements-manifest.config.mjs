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

export default {
  globs: ['widget/*.ts'],
  exclude: ['widget/*.styles.ts', 'widget/locales/**'],
  outdir: 'dist',
  litelement: true,
  plugins: [defineElementCalls()],
};

// Project ESLint rules (local plugin), used by eslint.config.js.

/** `%s` or `%3$s` not escaped as `%%`: pg-format's raw, unquoted substitution. */
export const PG_FORMAT_RAW = /(?<!%)(?:%%)*%(?:\d+\$)?s/;

/** @type {import('eslint').Rule.RuleModule} */
const noPgFormatS = {
  meta: {
    type: 'problem',
    docs: { description: 'Ban %s in pg-format calls: use %I for identifiers and %L for literals.' },
    schema: [],
    messages: { raw: 'pg-format %s inserts raw SQL; use %I (identifier) or %L (literal).' },
  },
  create(context) {
    const names = new Set(); // local names bound to the pg-format module
    const textOf = (node) => {
      if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
      if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.raw).join('');
      return undefined;
    };
    const isPgFormat = (callee) =>
      (callee.type === 'Identifier' && names.has(callee.name)) ||
      (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && names.has(callee.object.name));
    return {
      ImportDeclaration(node) {
        if (node.source.value !== 'pg-format') return;
        for (const s of node.specifiers) names.add(s.local.name);
      },
      VariableDeclarator(node) {
        const init = node.init;
        const isRequire = init?.type === 'CallExpression' && init.callee.type === 'Identifier' &&
          init.callee.name === 'require' && init.arguments[0]?.value === 'pg-format';
        if (isRequire && node.id.type === 'Identifier') names.add(node.id.name);
      },
      CallExpression(node) {
        if (!isPgFormat(node.callee)) return;
        for (const arg of node.arguments) {
          const text = textOf(arg);
          if (text !== undefined && PG_FORMAT_RAW.test(text)) context.report({ node: arg, messageId: 'raw' });
        }
      },
    };
  },
};

export const laminPlugin = {
  meta: { name: 'lamin' },
  rules: { 'no-pg-format-s': noPgFormatS },
};

/**
 * What the reader sees is in Vietnamese: reports English words in JSX text,
 * in the attributes a reader sees or hears (alt, title, placeholder,
 * aria-label, label), in strings a JSX expression shows, and in messages set
 * through a state setter (`setMessage('…')`). Works on the syntax tree, so
 * it sees what renders rather than what a regular expression guesses.
 */

/** Words that would mean an English message slipped through. */
const ENGLISH =
  /\b(the|loading|error|failed|retry|update|offline|online|download(ing)?|saved?|storage|cancel|delete|clear|settings|network|please|try again|unknown|not found)\b/i;
/** Names that stay as they are. */
const PROPER_NAMES = ['Báo Offline'];
const SPOKEN_ATTRIBUTES = new Set(['alt', 'title', 'placeholder', 'aria-label', 'label']);

function englishIn(text) {
  let rest = text;
  for (const name of PROPER_NAMES) rest = rest.replaceAll(name, '');
  return ENGLISH.exec(rest)?.[0];
}

/** Is this string shown as it is: a child of a JSX element, or the value of a spoken attribute? */
function shownByJsx(node) {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'JSXAttribute') return SPOKEN_ATTRIBUTES.has(at.name.name);
    if (at.type === 'JSXExpressionContainer') return at.parent?.type === 'JSXElement' || at.parent?.type === 'JSXFragment';
    // A string passed to a function or compared is data, not text on screen.
    if (!['ConditionalExpression', 'LogicalExpression', 'TemplateLiteral', 'BinaryExpression'].includes(at.type)) return false;
    if (at.type === 'BinaryExpression' && at.operator !== '+') return false;
  }
  return false;
}

const setsMessage = (node) =>
  node.parent?.type === 'CallExpression' &&
  node.parent.arguments[0] === node &&
  node.parent.callee.type === 'Identifier' &&
  /^set[A-Z]/.test(node.parent.callee.name);

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Text the reader sees must be Vietnamese' },
    messages: { english: 'The reader sees English here ("{{word}}"): write it in Vietnamese.' },
    schema: [],
  },
  create(context) {
    const check = (node, text) => {
      const word = englishIn(text);
      if (word) context.report({ node, messageId: 'english', data: { word } });
    };
    return {
      JSXText(node) {
        check(node, node.value);
      },
      Literal(node) {
        if (typeof node.value === 'string' && (shownByJsx(node) || setsMessage(node))) check(node, node.value);
      },
      TemplateElement(node) {
        const literal = node.parent;
        if (shownByJsx(literal) || setsMessage(literal)) check(node, node.value.cooked ?? '');
      },
    };
  },
};

// Words a user reads come from the i18n catalogues (lib/i18n/messages), so every
// language gets them. Punctuation and symbols between messages ("·", "←", "%") are
// fine; a letter in JSX text, in a string child or in a visible attribute is not.
// It also catches `// a note` written among JSX children, which the page would show.

const LETTER = /\p{L}/u;
const URL = /^https?:\/\/\S+$/; // an address reads the same in every language
const VISIBLE_ATTRIBUTES = new Set(["alt", "title", "placeholder", "label", "aria-label", "aria-description", "aria-placeholder", "aria-roledescription", "aria-valuetext"]);

const rule = {
  meta: {
    type: "problem",
    docs: { description: "no hard-coded user-visible text in JSX: strings come from the i18n catalogues" },
    schema: [{ type: "object", properties: { allow: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
    messages: { literal: 'User-visible text "{{text}}" is hard-coded: put it in the i18n catalogues (lib/i18n/messages) and use t().' },
  },
  create(context) {
    const allow = new Set(context.options[0]?.allow ?? []);
    // Line by line: one JSX text node can hold an allowed word and a stray one.
    const check = (node, text) => {
      const line = text
        .split("\n")
        .map((l) => l.trim())
        .find((l) => LETTER.test(l) && !URL.test(l) && !allow.has(l));
      if (line) context.report({ node, messageId: "literal", data: { text: line.slice(0, 40) } });
    };
    const isString = (node) => (node.type === "Literal" && typeof node.value === "string") || (node.type === "TemplateLiteral" && node.expressions.length === 0);
    const stringOf = (node) => (node.type === "Literal" ? node.value : node.quasis[0].value.cooked);
    return {
      JSXText: (node) => check(node, node.value),
      JSXExpressionContainer(node) {
        if (node.parent.type !== "JSXAttribute" && isString(node.expression)) check(node, stringOf(node.expression));
      },
      JSXAttribute(node) {
        if (!VISIBLE_ATTRIBUTES.has(node.name.name) || !node.value) return;
        const value = node.value.type === "JSXExpressionContainer" ? node.value.expression : node.value;
        if (isString(value)) check(node, stringOf(value));
      },
    };
  },
};

export default rule;

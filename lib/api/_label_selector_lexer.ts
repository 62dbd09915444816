/**
 * The tokenizer of label selector text, splitting it as apimachinery's `labels.Lexer` does.
 * Private to lib/api.
 *
 * @module
 */

/** A token kind: an operator or punctuation literal, an identifier, or the end. */
export type TokenType =
  | "end"
  | "identifier"
  | "in"
  | "notin"
  | "("
  | ")"
  | ","
  | "!"
  | "="
  | "=="
  | "!="
  | ">"
  | "<";

/** One token and its text. */
export interface Token {
  /** What the token is. */
  type: TokenType;
  /** Its text; empty at the end. */
  literal: string;
}

const SYMBOLS = new Set(["(", ")", ",", "!", "=", "==", "!=", ">", "<"]);
const SPECIAL = "=!(),><";
const WHITESPACE = " \t\r\n";

/** Splits selector text into tokens, ending with an `end` token. */
export function lexLabelSelector(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (true) {
    while (pos < text.length && WHITESPACE.includes(text[pos])) pos++;
    if (pos >= text.length) {
      tokens.push({ type: "end", literal: "" });
      return tokens;
    }
    const start = pos;
    if (SPECIAL.includes(text[pos])) {
      // Longest operator: `!=` and `==` win over `!` and `=`.
      const two = text.slice(pos, pos + 2);
      const literal = SYMBOLS.has(two) ? two : text[pos];
      pos += literal.length;
      tokens.push({ type: literal as TokenType, literal });
      continue;
    }
    while (pos < text.length && !SPECIAL.includes(text[pos]) && !WHITESPACE.includes(text[pos])) {
      pos++;
    }
    const literal = text.slice(start, pos);
    const type = literal === "in" || literal === "notin" ? literal : "identifier";
    tokens.push({ type, literal });
  }
}

/**
 * The recursive-descent parser of label selector text, with the grammar and messages of
 * apimachinery's `labels.Parse`. Private to lib/api.
 *
 * @module
 */

import { BadRequestError } from "./errors.ts";
import { lexLabelSelector, type Token, type TokenType } from "./_label_selector_lexer.ts";
import { invalidField, labelKeyErrors, requirementError } from "./_label_syntax.ts";
import type { LabelRequirement } from "./label_selector.ts";

const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

/** Reads tokens; in a value position `in` and `notin` are plain identifiers. */
class Cursor {
  #tokens: Token[];
  #position = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  peek(asValue = true): Token {
    return asIdentifier(this.#tokens[this.#position], asValue);
  }

  next(asValue = true): Token {
    return asIdentifier(this.#tokens[this.#position++], asValue);
  }
}

function asIdentifier(token: Token, asValue: boolean): Token {
  return asValue && (token.type === "in" || token.type === "notin")
    ? { type: "identifier", literal: token.literal }
    : token;
}

/** A parse failure inside one requirement; the caller adds Kubernetes' prefix. */
class RequirementError extends Error {}

/** Parses selector text into requirements sorted by key; BadRequestError when malformed. */
export function parseRequirements(text: string): LabelRequirement[] {
  const cursor = new Cursor(lexLabelSelector(text));
  const requirements: LabelRequirement[] = [];
  while (true) {
    const { type, literal } = cursor.peek();
    if (type === "end") break;
    if (type !== "identifier" && type !== "!") {
      throw new BadRequestError(`found '${literal}', expected: !, identifier, or 'end of string'`);
    }
    try {
      requirements.push(parseRequirement(cursor));
    } catch (error) {
      if (!(error instanceof RequirementError)) throw error;
      throw new BadRequestError(`unable to parse requirement: ${error.message}`);
    }
    const after = cursor.next();
    if (after.type === "end") break;
    if (after.type !== ",") {
      throw new BadRequestError(`found '${after.literal}', expected: ',' or 'end of string'`);
    }
    const following = cursor.peek();
    if (following.type !== "identifier" && following.type !== "!") {
      throw new BadRequestError(`found '${following.literal}', expected: identifier after ','`);
    }
  }
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function parseRequirement(cursor: Cursor): LabelRequirement {
  let token = cursor.next();
  const negated = token.type === "!";
  if (negated) token = cursor.next();
  if (token.type !== "identifier") {
    throw new RequirementError(`found '${token.literal}', expected: identifier`);
  }
  const key = token.literal;
  const keyErrors = labelKeyErrors(key);
  if (keyErrors.length) {
    throw new RequirementError(invalidField("<nil>", key, keyErrors.join("; ")));
  }
  const lookahead = cursor.peek().type;
  if (negated || lookahead === "end" || lookahead === ",") {
    // `!key` followed by an operator is caught by the caller as a missing ','.
    return checked({ key, operator: negated ? "!" : "exists", values: [] });
  }
  const operator = parseOperator(cursor.next(false));
  const values = operator === "in" || operator === "notin"
    ? parseValueSet(cursor)
    : [parseExactValue(cursor)];
  return checked({ key, operator, values });
}

function checked(requirement: LabelRequirement): LabelRequirement {
  const problem = requirementError(requirement.key, requirement.operator, requirement.values);
  if (problem) throw new RequirementError(problem);
  return requirement;
}

function parseOperator(token: Token): LabelRequirement["operator"] {
  const operators: Partial<Record<TokenType, LabelRequirement["operator"]>> = {
    in: "in",
    notin: "notin",
    "=": "=",
    "==": "=",
    "!=": "!=",
  };
  const operator = operators[token.type];
  if (operator) return operator;
  if (token.type === ">" || token.type === "<") {
    throw new RequirementError(`operator '${token.literal}' is not supported`);
  }
  throw new RequirementError(`found '${token.literal}', expected: ${BINARY_OPERATORS}`);
}

function parseExactValue(cursor: Cursor): string {
  const { type } = cursor.peek();
  if (type === "end" || type === ",") return "";
  const token = cursor.next();
  if (token.type === "identifier") return token.literal;
  throw new RequirementError(`found '${token.literal}', expected: identifier`);
}

/** `(a,b,,c)`: a sorted set; empty entries stand for the empty value. */
function parseValueSet(cursor: Cursor): string[] {
  const open = cursor.next();
  if (open.type !== "(") throw new RequirementError(`found '${open.literal}' expected: '('`);
  const first = cursor.peek();
  if (first.type === ")") {
    cursor.next();
    return [""];
  }
  if (first.type !== "identifier" && first.type !== ",") {
    throw new RequirementError(`found '${first.literal}', expected: ',', ')' or identifier`);
  }
  const values = new Set<string>();
  let expectValue = true;
  while (true) {
    const token = cursor.next();
    if (token.type === ")") break;
    if (token.type === "identifier" && expectValue) {
      values.add(token.literal);
      expectValue = false;
      const next = cursor.peek();
      if (next.type !== "," && next.type !== ")") {
        throw new RequirementError(`found '${next.literal}', expected: ',' or ')'`);
      }
    } else if (token.type === ",") {
      if (expectValue) values.add("");
      expectValue = true;
      if (cursor.peek().type === ")") values.add("");
    } else {
      throw new RequirementError(`found '${token.literal}', expected: ',', or identifier`);
    }
  }
  return [...values].sort();
}

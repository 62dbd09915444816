/**
 * Kubernetes' `$(VAR)` expansion, as the kubelet applies it to env values, command and args.
 *
 * The rules (Kubernetes' forked expansion package): `$(NAME)` is replaced by NAME's value when
 * the lookup knows it and left as written when it does not; `$$` is an escaped `$`; a `$` before
 * any other character, a `$` at the end and an unclosed `$(` are kept as they are.
 *
 * @example
 * ```ts
 * import { expandVariables } from "./expand_variables.ts";
 * expandVariables("$(GREETING), $(WHO)! $$(HOME)", { GREETING: "hello" });
 * // "hello, $(WHO)! $(HOME)"
 * ```
 */
export function expandVariables(input: string, vars: Readonly<Record<string, string>>): string {
  let out = "";
  let i = 0;
  while (i < input.length) {
    const char = input[i];
    if (char !== "$" || i + 1 >= input.length) {
      out += char;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
    } else if (next === "(") {
      const close = input.indexOf(")", i + 2);
      if (close < 0) {
        out += "$(";
        i += 2;
        continue;
      }
      const name = input.slice(i + 2, close);
      out += Object.hasOwn(vars, name) ? vars[name] : `$(${name})`;
      i = close + 1;
    } else {
      out += "$" + next;
      i += 2;
    }
  }
  return out;
}

import assert from "node:assert/strict";
import { BadRequestError } from "../../lib/api/errors.ts";
import {
  formatLabelSelector,
  labelSelectorFromObject,
  matchesLabels,
  parseLabelSelector,
  selectorFromSet,
} from "../../lib/api/label_selector.ts";
import type { LabelRequirement } from "../../lib/api/label_selector.ts";
import type { LabelSelector } from "../../lib/api/types.ts";

const NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function r(
  key: string,
  operator: LabelRequirement["operator"],
  ...values: string[]
): LabelRequirement {
  return { key, operator, values };
}

Deno.test("parseLabelSelector() reads equality and set-based requirements", () => {
  const cases: [string, LabelRequirement[]][] = [
    ["", []],
    ["   ", []],
    ["app=web", [r("app", "=", "web")]],
    ["app==web", [r("app", "=", "web")]],
    ["tier!=db", [r("tier", "!=", "db")]],
    ["env in (a,b)", [r("env", "in", "a", "b")]],
    ["env notin (b, a)", [r("env", "notin", "a", "b")]], // values sorted, as a set
    ["env in (a,a)", [r("env", "in", "a")]],
    ["canary", [r("canary", "exists")]],
    ["!canary", [r("canary", "!")]],
    ["app=", [r("app", "=", "")]],
    ["example.com/name=v1", [r("example.com/name", "=", "v1")]],
    ["in in (in,notin)", [r("in", "in", "in", "notin")]], // keywords are plain values
    ["x in (foo,,baz)", [r("x", "in", "", "baz", "foo")]],
    ["z notin ()", [r("z", "notin", "")]],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseLabelSelector(text), expected, text);
});

Deno.test("parseLabelSelector() ANDs comma-separated requirements sorted by key", () => {
  assert.deepEqual(parseLabelSelector(" tier != db ,\tapp = web , !canary,env in ( a , b )"), [
    r("app", "=", "web"),
    r("canary", "!"),
    r("env", "in", "a", "b"),
    r("tier", "!=", "db"),
  ]);
});

Deno.test("parseLabelSelector() rejects malformed text with Kubernetes' messages", () => {
  const cases: [string, string][] = [
    ["a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ["a!", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ["a=b c", "found 'c', expected: ',' or 'end of string'"],
    ["!a=b", "found '=', expected: ',' or 'end of string'"],
    ["a=b=c", "found '=', expected: ',' or 'end of string'"],
    ["a,", "found '', expected: identifier after ','"],
    [",a", "found ',', expected: !, identifier, or 'end of string'"],
    ["=a", "found '=', expected: !, identifier, or 'end of string'"],
    ["a=(b)", "unable to parse requirement: found '(', expected: identifier"],
    ["a in", "unable to parse requirement: found '' expected: '('"],
    ["a in (b", "unable to parse requirement: found '', expected: ',' or ')'"],
    ["a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ["a in (b,", "unable to parse requirement: found '', expected: ',', or identifier"],
    ["a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ["a>1", "unable to parse requirement: operator '>' is not supported"],
    [
      "-app=web",
      `unable to parse requirement: <nil>: Invalid value: "-app": name part ${NAME_RULE}`,
    ],
    [
      "app=web-",
      `unable to parse requirement: values[0][app]: Invalid value: "web-": ${VALUE_RULE}`,
    ],
    [
      "a/b/c",
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      "/a",
      'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty',
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseLabelSelector(text), (error: unknown) => {
      assert.ok(error instanceof BadRequestError, text);
      assert.equal(error.message, message, text);
      return true;
    });
  }
});

Deno.test("parseLabelSelector() checks key and value lengths", () => {
  const long = "a".repeat(64);
  assert.throws(() => parseLabelSelector(`${long}=x`), {
    message:
      `unable to parse requirement: <nil>: Invalid value: "${long}": name part must be no more than 63 characters`,
  });
  assert.throws(() => parseLabelSelector(`a=${long}`), {
    message:
      `unable to parse requirement: values[0][a]: Invalid value: "${long}": must be no more than 63 characters`,
  });
  assert.equal(parseLabelSelector(`${"a".repeat(63)}=${"b".repeat(63)}`).length, 1);
});

Deno.test("labelSelectorFromObject() compiles matchLabels and matchExpressions", () => {
  const selector: LabelSelector = {
    matchLabels: { tier: "web", app: "shop" },
    matchExpressions: [
      { key: "env", operator: "In", values: ["prod", "staging"] },
      { key: "track", operator: "NotIn", values: ["canary"] },
      { key: "gpu", operator: "Exists" },
      { key: "legacy", operator: "DoesNotExist" },
    ],
  };
  assert.deepEqual(labelSelectorFromObject(selector), [
    r("app", "=", "shop"),
    r("env", "in", "prod", "staging"),
    r("gpu", "exists"),
    r("legacy", "!"),
    r("tier", "=", "web"),
    r("track", "notin", "canary"),
  ]);
  assert.deepEqual(labelSelectorFromObject({}), []);
  assert.deepEqual(labelSelectorFromObject({ matchLabels: {}, matchExpressions: [] }), []);
});

Deno.test("labelSelectorFromObject() rejects bad operators and values as Kubernetes does", () => {
  const cases: [LabelSelector, string][] = [
    [
      { matchExpressions: [{ key: "a", operator: "Gt" as "In", values: ["1"] }] },
      '"Gt" is not a valid label selector operator',
    ],
    [
      { matchExpressions: [{ key: "a", operator: "In" }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: "a", operator: "NotIn", values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      { matchExpressions: [{ key: "a", operator: "Exists", values: ["x", "y"] }] },
      'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { "-a": "b" } }, `key: Invalid value: "-a": name part ${NAME_RULE}`],
    [
      { matchLabels: { "-a": "b_" } },
      `[key: Invalid value: "-a": name part ${NAME_RULE}, values[0][-a]: Invalid value: "b_": ${VALUE_RULE}]`,
    ],
  ];
  for (const [selector, message] of cases) {
    assert.throws(() => labelSelectorFromObject(selector), { name: "BadRequestError", message });
  }
});

Deno.test("matchesLabels() requires every requirement", () => {
  const labels = { app: "web", env: "prod", canary: "" };
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ["", labels, true], // no requirements match everything
    ["", undefined, true],
    ["app=web", labels, true],
    ["app=db", labels, false],
    ["app!=db", labels, true],
    ["tier!=db", labels, true], // != matches an absent key
    ["env in (prod,staging)", labels, true],
    ["env in (staging)", labels, false],
    ["tier in (web)", labels, false],
    ["env notin (prod)", labels, false],
    ["tier notin (web)", labels, true], // notin matches an absent key
    ["canary", labels, true],
    ["!canary", labels, false],
    ["!tier", labels, true],
    ["canary=", labels, true], // the empty value is a value
    ["app=web,env=dev", labels, false],
    ["app=web,!tier,env notin (dev)", labels, true],
    ["app=web", undefined, false],
    ["app!=web", undefined, true],
  ];
  for (const [text, set, expected] of cases) {
    assert.equal(matchesLabels(parseLabelSelector(text), set), expected, text);
  }
});

Deno.test("matchesLabels() ignores inherited properties", () => {
  assert.equal(matchesLabels(parseLabelSelector("toString"), {}), false);
  assert.equal(matchesLabels(parseLabelSelector("constructor!=x"), {}), true);
});

Deno.test("formatLabelSelector() prints the text form kubectl shows", () => {
  assert.equal(
    formatLabelSelector([r("app", "=", "web"), r("env", "in", "b", "a"), r("canary", "!")]),
    "app=web,env in (a,b),!canary",
  );
  assert.equal(
    formatLabelSelector({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "env", operator: "NotIn", values: ["b", "a"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "gpu", operator: "Exists" },
      ],
    }),
    "app=web,!canary,env notin (a,b),gpu", // sorted by key, as Kubernetes sorts
  );
  assert.equal(formatLabelSelector([r("tier", "!=", "db")]), "tier!=db");
  assert.equal(formatLabelSelector({}), "");
  assert.equal(formatLabelSelector([]), "");
  assert.equal(
    formatLabelSelector({ matchExpressions: [{ key: "a", operator: "In" }] }),
    "<error>",
  );
});

Deno.test("formatLabelSelector() output parses back to the same requirements", () => {
  for (const text of ["a=b,c in (d,e),!f,g,h!=i,j notin (k)", "x in (,y)", "k="]) {
    const parsed = parseLabelSelector(text);
    assert.deepEqual(parseLabelSelector(formatLabelSelector(parsed)), parsed, text);
  }
});

Deno.test("selectorFromSet() requires every label to be equal", () => {
  assert.deepEqual(selectorFromSet({ tier: "web", app: "shop" }), [
    r("app", "=", "shop"),
    r("tier", "=", "web"),
  ]);
  assert.deepEqual(selectorFromSet({}), []);
  assert.equal(matchesLabels(selectorFromSet({ app: "shop" }), { app: "shop", x: "y" }), true);
  assert.equal(matchesLabels(selectorFromSet({ app: "shop" }), { x: "y" }), false);
});

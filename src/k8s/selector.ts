// Label selectors as Kubernetes evaluates them (ROLL-01, NET-SVC-01, SCHED-07, SCHED-16, NETPOL-05):
// the string syntax of k8s.io/apimachinery/pkg/labels/selector.go (lexer, parser, NewRequirement, String)
// and metav1.LabelSelectorAsSelector (pkg/apis/meta/v1/helpers.go). Error texts are Kubernetes' own,
// including their field paths ("<nil>" for a key found by the parser, "values[0][app]" for a value).
// Semantics worth knowing: "!=" and "notin" match when the key is absent; a nil LabelSelector matches
// nothing while an empty {} matches everything; the empty string selector matches everything; ">"/"<"
// compare label values as Go int64 and fail on anything else.
import { InputError } from '../errors.ts';
import type { LabelSelector } from './types.ts';

/** Kubernetes selection.Operator values. */
export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A parsed selector: the AND of its requirements (sorted by key), or Kubernetes' Nothing(). */
export type Selector =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'requirements'; readonly requirements: readonly Requirement[] };

const NOTHING: Selector = { kind: 'nothing' };

// --- k8s.io/apimachinery/pkg/util/validation: IsQualifiedName, IsValidLabelValue ------------------------
const NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const SUBDOMAIN_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const VALUE_MSG = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
const nameRe = new RegExp(`^${NAME_FMT}$`);
const subdomainRe = new RegExp(`^${SUBDOMAIN_FMT}$`);
const valueRe = new RegExp(`^(${NAME_FMT})?$`);

const regexError = (msg: string, fmt: string, ...examples: string[]): string =>
  `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;

/** IsQualifiedName: "[prefix/]name", name ≤ 63 characters, prefix a DNS-1123 subdomain ≤ 253. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) {
    return [`a qualified name ${regexError(NAME_MSG, NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const errs: string[] = [];
  const name = parts.length === 2 ? (parts[1] as string) : key;
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!subdomainRe.test(prefix)) errs.push(`prefix part ${regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, 'example.com')}`);
    }
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!nameRe.test(name)) errs.push(`name part ${regexError(NAME_MSG, NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!valueRe.test(value)) errs.push(regexError(VALUE_MSG, `(${NAME_FMT})?`, 'MyValue', 'my_value', '12345'));
  return errs;
}

// --- NewRequirement -----------------------------------------------------------------------------------
/** How Go's %#v prints a []string in field errors. */
const goSlice = (v: readonly string[] | undefined): string =>
  v === undefined ? '[]string(nil)' : `[]string{${v.map((s) => JSON.stringify(s)).join(', ')}}`;
const invalid = (path: string, bad: string, detail: string): string => `${path}: Invalid value: ${bad}: ${detail}`;

/** Go strconv.ParseInt(s, 10, 64). */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(1n << 63n) && n < 1n << 63n ? n : undefined;
}

/** Kubernetes NewRequirement; `values` undefined stands for a Go nil slice (it only shows in messages). */
function newRequirement(key: string, operator: SelectorOperator, values: readonly string[] | undefined): Requirement {
  const vals = values ?? [];
  const errs: string[] = [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length > 0) errs.push(invalid('key', JSON.stringify(key), keyErrs.join('; ')));
  const count = (ok: boolean, detail: string): void => {
    if (!ok) errs.push(invalid('values', goSlice(values), detail));
  };
  if (operator === 'in' || operator === 'notin') count(vals.length > 0, "for 'in', 'notin' operators, values set can't be empty");
  else if (operator === '=' || operator === '==' || operator === '!=') count(vals.length === 1, 'exact-match compatibility requires one single value');
  else if (operator === 'exists' || operator === '!') count(vals.length === 0, 'values set must be empty for exists and does not exist');
  else {
    count(vals.length === 1, "for 'Gt', 'Lt' operators, exactly one value is required");
    vals.forEach((v, i) => {
      if (parseInt64(v) === undefined) errs.push(invalid(`values[${i}]`, JSON.stringify(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
  }
  vals.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length > 0) errs.push(invalid(`values[${i}][${key}]`, JSON.stringify(v), valueErrs.join('; ')));
  });
  const unique = [...new Set(errs)];
  if (unique.length > 0) throw new InputError(unique.length === 1 ? (unique[0] as string) : `[${unique.join(', ')}]`);
  return { key, operator, values: [...vals] };
}

const byKey = (reqs: Requirement[]): Requirement[] => reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

// --- the string syntax: Lexer and Parser ----------------------------------------------------------------
type Tok = 'eos' | 'id' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'in' | 'notin';
interface Item {
  tok: Tok;
  lit: string;
}
const TOKENS: ReadonlySet<string> = new Set([')', ',', '!', '==', '=', '>', 'in', '<', '!=', 'notin', '(']);
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isSpace(s[pos] as string)) pos += 1;
    if (pos >= s.length) return [...items, { tok: 'eos', lit: '' }];
    const start = pos;
    if (isSpecial(s[pos] as string)) {
      // Longest operator: "!=" and "==" win over "!" and "=", "=(" is "=" then "(".
      let last = '';
      while (pos < s.length && isSpecial(s[pos] as string) && TOKENS.has(s.slice(start, pos + 1))) {
        last = s.slice(start, pos + 1);
        pos += 1;
      }
      items.push({ tok: last as Tok, lit: last });
    } else {
      while (pos < s.length && !isSpecial(s[pos] as string) && !isSpace(s[pos] as string)) pos += 1;
      const lit = s.slice(start, pos);
      items.push({ tok: lit === 'in' || lit === 'notin' ? lit : 'id', lit });
    }
  }
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** In a value position "in" and "notin" are plain identifiers ("x in (in)"). */
  private peek(asValue = true): Item {
    const item = this.items[Math.min(this.position, this.items.length - 1)] as Item;
    return asValue && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  private next(asValue = true): Item {
    const item = this.peek(asValue);
    this.position += 1;
    return item;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === 'eos') return reqs;
      if (tok !== 'id' && tok !== '!') throw new InputError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        if (e instanceof InputError) throw new InputError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const after = this.next();
      if (after.tok === 'eos') return reqs;
      if (after.tok !== ',') throw new InputError(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.tok !== 'id' && following.tok !== '!') throw new InputError(`found '${following.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let item = this.next();
    const negated = item.tok === '!';
    if (negated) item = this.next();
    if (item.tok !== 'id') throw new InputError(`found '${item.lit}', expected: identifier`);
    const keyErrs = labelKeyErrors(item.lit);
    if (keyErrs.length > 0) throw new InputError(invalid('<nil>', JSON.stringify(item.lit), keyErrs.join('; ')));
    const ahead = this.peek().tok;
    if (negated) return newRequirement(item.lit, '!', []);
    if (ahead === 'eos' || ahead === ',') return newRequirement(item.lit, 'exists', []);
    const operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(item.lit, operator, [...values].sort());
  }

  private operator(): SelectorOperator {
    const { tok, lit } = this.next(false);
    const ops: Partial<Record<Tok, SelectorOperator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
    const op = ops[tok];
    if (op === undefined) throw new InputError(`found '${lit}', expected: '=', '!=', '==', 'in', notin'`);
    return op;
  }

  private valueSet(): Set<string> {
    const open = this.next();
    if (open.tok !== '(') throw new InputError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek();
    if (tok === ')') {
      this.next();
      return new Set(['']);
    }
    if (tok !== 'id' && tok !== ',') throw new InputError(`found '${lit}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    if (this.next().tok !== ')') throw new InputError(`found '${lit}', expected: ')'`);
    return values;
  }

  /** "(a,,b)", "(,a)" and "(a,)" also contain the empty value. */
  private identifierList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next();
      if (tok === 'id') {
        values.add(lit);
        const ahead = this.peek();
        if (ahead.tok === ')') return values;
        if (ahead.tok !== ',') throw new InputError(`found '${ahead.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (values.size === 0) values.add('');
        const ahead = this.peek().tok;
        if (ahead === ')') return values.add('');
        if (ahead === ',') {
          this.next();
          values.add('');
        }
      } else throw new InputError(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private exactValue(): Set<string> {
    const ahead = this.peek().tok;
    if (ahead === 'eos' || ahead === ',') return new Set(['']);
    const { tok, lit } = this.next();
    if (tok !== 'id') throw new InputError(`found '${lit}', expected: identifier`);
    return new Set([lit]);
  }
}

/** labels.Parse: "a=b,c!=d,e in (x,y),f notin (z),g,!h,n>3"; "" matches everything. Throws InputError. */
export function parseSelector(text: string): Selector {
  return { kind: 'requirements', requirements: byKey(new Parser(lex(text)).parse()) };
}

/** metav1.LabelSelectorAsSelector: nil → nothing, {} → everything, matchLabels as "=" requirements. */
export function selectorFromLabelSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return NOTHING;
  const labels = Object.entries(ls.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const reqs = labels.map(([k, v]) => newRequirement(k, '=', [v]));
  const ops: Record<string, SelectorOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
  for (const expr of ls.matchExpressions ?? []) {
    const op = ops[expr.operator];
    if (op === undefined) throw new InputError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, expr.values === undefined || expr.values.length === 0 ? undefined : expr.values));
  }
  return { kind: 'requirements', requirements: byKey(reqs) };
}

/** Requirement.Matches. */
export function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value as string);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    default: {
      const actual = has ? parseInt64(value as string) : undefined;
      const bound = r.values.length === 1 ? parseInt64(r.values[0] as string) : undefined;
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

function toSelector(selector: string | LabelSelector | Selector | null | undefined): Selector {
  if (typeof selector === 'string') return parseSelector(selector);
  if (selector !== null && selector !== undefined && 'kind' in selector) return selector;
  return selectorFromLabelSelector(selector);
}

/** Does the selector (string syntax, LabelSelector object, or parsed) select these labels? */
export function matchesSelector(selector: string | LabelSelector | Selector | null | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  const sel = toSelector(selector);
  return sel.kind === 'requirements' && sel.requirements.every((r) => requirementMatches(r, labels ?? {}));
}

const OPERATOR_TEXT: Record<SelectorOperator, string> = { in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', exists: '', '!': '', gt: '>', lt: '<' };

/** Selector.String(): requirements joined by ",", set values sorted, e.g. "app=web,tier in (a,b),!canary". */
export function selectorToString(selector: string | LabelSelector | Selector | null | undefined): string {
  const sel = toSelector(selector);
  if (sel.kind === 'nothing') return '';
  return sel.requirements
    .map((r) => {
      const head = `${r.operator === '!' ? '!' : ''}${r.key}${OPERATOR_TEXT[r.operator]}`;
      if (r.operator === 'exists' || r.operator === '!') return head;
      const values = r.values.length === 1 ? (r.values[0] as string) : [...r.values].sort().join(',');
      return r.operator === 'in' || r.operator === 'notin' ? `${head}(${values})` : `${head}${values}`;
    })
    .join(',');
}

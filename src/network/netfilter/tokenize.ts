// Splits one iptables-save line into words the way iptables-restore does: whitespace separates words,
// double quotes group them (`--comment "default/kubia: cluster IP"`), a backslash escapes the next character.
import { InputError } from '../../errors.ts';

export function tokenize(line: string, lineNumber: number, file?: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && /\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quoted) throw new InputError('unterminated quoted string', file, lineNumber);
  if (inWord) words.push(word);
  return words;
}

/** "0x4000" or "16384" → 16384; "0x4000/0x4000" → value and mask (mask defaults to all ones). */
export function parseMarkValue(text: string, lineNumber: number, file?: string): { value: number; mask: number } {
  const [valueText, maskText] = text.split('/');
  const parse = (t: string | undefined): number => {
    const n = t !== undefined && /^(0x[0-9a-fA-F]+|\d+)$/.test(t) ? Number(t) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InputError(`"${text}" is not a mark value[/mask]`, file, lineNumber);
    return n;
  };
  return { value: parse(valueText), mask: maskText === undefined ? 0xffffffff : parse(maskText) };
}
